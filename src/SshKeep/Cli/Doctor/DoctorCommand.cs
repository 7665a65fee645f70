using SshKeep.Config;

namespace SshKeep.Cli.Doctor;

/// <summary>
/// <c>sshkeep doctor [-c FILE]</c>: loads the file as <c>check</c> does, runs
/// every check, prints the report. Exit status 0 when every check passed (ok or info), 1 when
/// something needs attention, 78 when the file is invalid (its errors on stderr, as <c>check</c>).
/// Without a tunnels file the machine is still checked and the missing file is a warning (exit 1).
/// </summary>
internal static class DoctorCommand
{
    /// <param name="pathOrigin">How <paramref name="configPath"/> was chosen ("-c", "SSHKEEP_CONFIG",
    /// "the default"), said when there is no file there.</param>
    public static async Task<int> RunAsync(string configPath, IDoctorSystem system, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken,
        string pathOrigin = "the default")
    {
        ArgumentNullException.ThrowIfNull(stdout);
        if (!File.Exists(configPath) && !Directory.Exists(configPath))
        {
            var machineOnly = await new DoctorExamination(system).ExamineWithoutConfigAsync(configPath, pathOrigin, cancellationToken);
            await stdout.WriteAsync(DoctorReportText.Render(machineOnly));
            return machineOnly.ExitCode;
        }

        var loaded = ConfigLoader.Load(configPath, system.HomeDirectory, system.PathVariable);
        if (loaded is ConfigLoadResult.Invalid invalid)
        {
            await stderr.WriteAsync(ConfigCheck.Render(invalid));
            return ExitCodes.Config;
        }

        var report = await new DoctorExamination(system).ExamineAsync(((ConfigLoadResult.Valid)loaded).Config, cancellationToken);
        await stdout.WriteAsync(DoctorReportText.Render(report));
        return report.ExitCode;
    }
}

using SshKeep.Config;

namespace SshKeep.Cli.Doctor;

internal static class DoctorCommand
{
    /// <param name="pathOrigin">How the path was chosen, said when there is no file there.</param>
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

using SshKeep.Config;

namespace SshKeep.Cli.Doctor;

/// <summary>
/// <c>sshkeep doctor [-c FILE]</c> (issue 5 item 4): loads the file as <c>check</c> does, runs
/// every check, prints the report. Exit status 0 when every check passed (ok or info), 1 when
/// something needs attention, 78 when the file is invalid (its errors on stderr, as <c>check</c>).
/// </summary>
public static class DoctorCommand
{
    public static async Task<int> RunAsync(string configPath, IDoctorSystem system, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var loaded = ConfigLoader.Load(configPath);
        if (loaded is ConfigLoadResult.Invalid invalid)
        {
            await stderr.WriteAsync(ConfigCheck.Render(invalid));
            return ConfigCheck.ExConfig;
        }

        var report = await new DoctorExamination(system).ExamineAsync(((ConfigLoadResult.Valid)loaded).Config, cancellationToken);
        await stdout.WriteAsync(DoctorReportText.Render(report));
        return report.ExitCode;
    }
}

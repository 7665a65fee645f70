using SshKeep.Daemon;

namespace SshKeep.Status;

/// <summary>With no answer, standard output stays empty, also with --json: a script reads the exit code rather than
/// parsing an error document.</summary>
internal static class StatusView
{
    /// <param name="config">The config file as the user named it (or its canonical path).</param>
    public static StatusOutput Render(ControlCallResult result, string config, DateTimeOffset now, bool json, int width = StatusTable.DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(result);
        int exitCode = StatusExitCode.For(result);
        // Whatever answered at the socket must never drive the user's terminal.
        return result switch
        {
            { Outcome: ControlCallOutcome.NoDaemon } => Error($"no sshkeep runs {config} ({result.Problem})"),
            { Outcome: ControlCallOutcome.Failed } => Error($"cannot get the status of {config}: {result.Problem}"),
            { Response: { Ok: true, Status: { } status } } =>
                new(json ? StatusJson.Render(status, now) : StatusTable.Render(status, now, width), "", exitCode),
            { Response: { Ok: false } refused } => Error($"the daemon running {config} refused status: {refused.Error}: {refused.Message}"),
            _ => Error($"the daemon running {config} answered status without a status"),
        };

        StatusOutput Error(string text) => new("", OneLine.Of("sshkeep: " + text, OneLineStyle.QuestionMark) + "\n", exitCode);
    }
}

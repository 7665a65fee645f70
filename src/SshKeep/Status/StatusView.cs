using SshKeep.Daemon;

namespace SshKeep.Status;

/// <summary>
/// The whole of <c>sshkeep status [--json]</c> after asking the daemon (pure): the table or the
/// JSON on standard output, or one line on standard error, and the exit code
/// (<see cref="StatusExitCode"/>). With no answer, standard output stays empty, also with --json,
/// so a script reads the exit code rather than parsing an error document.
/// </summary>
internal static class StatusView
{
    /// <param name="result">The answer to <c>status</c> on the control socket.</param>
    /// <param name="config">The config file as the user named it (or its canonical path).</param>
    /// <param name="now">The clock's now, for the durations.</param>
    /// <param name="json"><c>--json</c>.</param>
    /// <param name="width">The terminal's width, or <see cref="StatusTable.DefaultWidth"/>.</param>
    public static StatusOutput Render(ControlCallResult result, string config, DateTimeOffset now, bool json, int width = StatusTable.DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(result);
        int exitCode = StatusExitCode.For(result);
        // Every text from the daemon (or from whatever answered at its socket) is shown with its
        // control characters as '?' (CellText): it must never drive the user's terminal.
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

namespace SshKeep.Daemon;

internal sealed record ControlCallResult(ControlCallOutcome Outcome, ControlResponse? Response = null, string? Problem = null)
{
    public static ControlCallResult Answered(ControlResponse response) => new(ControlCallOutcome.Answered, response);

    public static ControlCallResult NoDaemon(string problem) => new(ControlCallOutcome.NoDaemon, Problem: problem);

    public static ControlCallResult Failed(string problem) => new(ControlCallOutcome.Failed, Problem: problem);
}

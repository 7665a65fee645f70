namespace SshKeep.Daemon;

/// <summary>What a <see cref="ControlClient"/> call gives: the daemon's answer, or why there is none.</summary>
internal sealed record ControlCallResult
{
    public required ControlCallOutcome Outcome { get; init; }

    /// <summary>The answer when <see cref="ControlCallOutcome.Answered"/>.</summary>
    public ControlResponse? Response { get; init; }

    /// <summary>Why there is no answer, for people, when not answered.</summary>
    public string? Problem { get; init; }

    public static ControlCallResult Answered(ControlResponse response) =>
        new() { Outcome = ControlCallOutcome.Answered, Response = response };

    public static ControlCallResult NoDaemon(string problem) =>
        new() { Outcome = ControlCallOutcome.NoDaemon, Problem = problem };

    public static ControlCallResult Failed(string problem) =>
        new() { Outcome = ControlCallOutcome.Failed, Problem = problem };
}

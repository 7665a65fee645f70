namespace SshKeep.Health;

/// <param name="Done">No more bytes are needed: the exchange passed, or failed (<paramref name="Failure"/>).</param>
internal readonly record struct ReplyJudgement(bool Done, string? Failure)
{
    public static readonly ReplyJudgement NeedMore = new(false, null);

    public static readonly ReplyJudgement Pass = new(true, null);

    public static ReplyJudgement Fail(string reason) => new(true, reason);
}

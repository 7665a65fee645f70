namespace SshKeep.Web;

/// <summary>Refusals the log did not name one by one: how many, over how long.</summary>
internal sealed record RefusalSummary(int Count, TimeSpan Over);

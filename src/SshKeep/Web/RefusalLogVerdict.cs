namespace SshKeep.Web;

/// <summary>What to log for one refusal: the refusal itself or not, and first, when a window closed
/// with refusals left out, their <see cref="RefusalSummary"/>.</summary>
internal readonly record struct RefusalLogVerdict(bool Log, RefusalSummary? Summary);

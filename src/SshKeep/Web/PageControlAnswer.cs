namespace SshKeep.Web;

/// <summary>The answer to a POST of the web page: the control path's own answer (<c>ok</c>,
/// <c>error</c>, <c>message</c>, as on the control socket) or a refusal.</summary>
internal sealed record PageControlAnswer(bool Ok, string? Error, string? Message);

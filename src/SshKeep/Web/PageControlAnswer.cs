namespace SshKeep.Web;

/// <summary>The answer to a POST of the web page: the control socket's answer without its status, or a refusal.</summary>
internal sealed record PageControlAnswer(bool Ok, string? Error, string? Message);

namespace SshKeep.Web;

/// <summary>One embedded file of the web page and its Content-Type.</summary>
internal sealed record WebAsset(string ContentType, byte[] Content);

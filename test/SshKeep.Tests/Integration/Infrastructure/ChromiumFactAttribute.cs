namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>A [Fact] that runs only with sshd, ssh, ssh-keygen and Debian's chromium (the web page's browser test).</summary>
public sealed class ChromiumFactAttribute() : RequiresFactAttribute(Needs.Sshd | Needs.Chromium);

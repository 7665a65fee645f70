namespace SshKeep.Tests.Integration.Systemd;

/// <summary>One tunnel of a tunnels file inside the machine: a local forward from
/// 127.0.0.1:<paramref name="LocalPort"/> to the machine's sshd, with more YAML keys if given
/// (<c>identity_file: …</c>), one line each.</summary>
internal sealed record MachineTunnel(string Name, int LocalPort, params string[] Keys);

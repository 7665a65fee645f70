namespace SshKeep.Demo;

/// <summary>How a <see cref="ThrowawaySshd"/> or the tests' <c>NamespacedSshd</c> is set up.</summary>
internal sealed record ThrowawaySshdOptions
{
    /// <summary>sshd refuses to re-exec itself from a relative path, so this must be absolute.</summary>
    public string SshdPath { get; init; } = "/usr/sbin/sshd";

    /// <summary>sshd's ClientAliveInterval; zero turns server-side keepalive off (sshd's default).</summary>
    public TimeSpan ClientAliveInterval { get; init; } = TimeSpan.Zero;

    /// <summary>More sshd_config lines, appended after the fixture's own (sshd keeps the first value
    /// of most keywords, so these cannot override the fixture's settings; use a Match block for that).</summary>
    public IReadOnlyList<string> ExtraConfig { get; init; } = [];

    /// <summary>How long sshd may take to listen, and ssh-keygen to make keys.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

namespace SshKeep.Config;

/// <summary>One key of the tunnels file as <c>sshkeep help config</c> lists it.</summary>
/// <param name="Path">The key's dotted path: <c>ready_timeout</c>, <c>tunnels.NAME.health.probe_interval</c>,
/// <c>tunnels.NAME.forwards[N].local</c> (NAME a tunnel's name, N a forward's place in its list).</param>
/// <param name="Heading">The section of sshkeep-tunnels(5) that describes it.</param>
/// <param name="Summary">What it takes and its default, in phrases of the man page's entry.</param>
/// <param name="InDefaults">Whether <c>defaults.</c> takes it too, for every tunnel.</param>
internal sealed record ConfigKeyEntry(string Path, string Heading, string Summary, bool InDefaults)
{
    /// <summary>The key itself: the path's last part (<c>probe_interval</c>).</summary>
    public string Key => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>The path under <c>defaults</c>, when it may go there.</summary>
    public string? DefaultsPath => InDefaults ? "defaults." + Path[ConfigKeyHelp.TunnelPrefix.Length..] : null;
}

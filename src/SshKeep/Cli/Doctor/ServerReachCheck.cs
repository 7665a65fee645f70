using SshKeep.Config;

namespace SshKeep.Cli.Doctor;

internal static class ServerReachCheck
{
    public const string Subject = "server";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <param name="via">"ProxyJump" when <paramref name="host"/> is the first jump host; null for the server itself.</param>
    public static DoctorCheck Judge(string host, int port, string? via, string? problem)
    {
        var target = HostSyntax.Endpoint(host, port);
        var what = via is null ? target : $"{target} (the first {via} hop)";
        return problem is null
            ? new DoctorCheck(DoctorVerdict.Ok, Subject, $"{what} answers")
            : new DoctorCheck(DoctorVerdict.Fail, Subject, $"{what} {problem}",
                "sshkeep keeps retrying and starts ssh the moment the server accepts a connection, but until then the tunnel is down",
                "check the host name and port (port: in the tunnel, or Port in ssh_config), that the server's sshd runs, and that no firewall drops the connection");
    }

    public static DoctorCheck NotChecked(string host, string proxyCommand) =>
        new(DoctorVerdict.Info, Subject, $"not checked: ssh reaches {host} through ProxyCommand {proxyCommand}");

    /// <summary>The first hop of a ProxyJump value (<c>[user@]host[:port][,…]</c>, or an ssh:// URI): host and port.</summary>
    public static (string Host, int Port)? FirstJump(string proxyJump)
    {
        var hop = proxyJump.Split(',')[0].Trim();
        if (hop.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase)) hop = hop[6..];
        var at = hop.LastIndexOf('@');
        if (at >= 0) hop = hop[(at + 1)..];
        var port = 22;
        if (hop.StartsWith('['))
        {
            var close = hop.IndexOf(']', StringComparison.Ordinal);
            if (close < 0) return null;
            var rest = hop[(close + 1)..];
            if (rest.StartsWith(':') && !int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out port)) return null;
            hop = hop[1..close];
        }
        else if (hop.Count(c => c == ':') == 1)
        {
            var colon = hop.IndexOf(':', StringComparison.Ordinal);
            if (!int.TryParse(hop[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port)) return null;
            hop = hop[..colon];
        }

        return hop.Length == 0 || port is < 1 or > 65535 ? null : (hop, port);
    }
}

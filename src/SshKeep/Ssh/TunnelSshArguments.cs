using System.Globalization;
using SshKeep.Config;

namespace SshKeep.Ssh;

/// <summary>
/// ssh's argv (after the program) for one daemon-mode tunnel (design: health layer 2):
/// <code>
/// -N -T -o BatchMode=yes
/// -o ServerAliveInterval=… -o ServerAliveCountMax=… -o ConnectTimeout=… -o ExitOnForwardFailure=yes
/// -o LogLevel=VERBOSE
/// -o ControlMaster=no -o ControlPath=none      (or, with probes: ControlMaster=yes, our ControlPath, ControlPersist=no)
/// [-o Key=Value]… [-p port] [-i identity] -L …|-R …|-D … -- destination
/// </code>
/// ssh keeps the first value it reads for an option, command line before ssh_config, so what is
/// written here wins over the user's ssh_config. Pure: no environment, no file system.
/// </summary>
internal static class TunnelSshArguments
{
    /// <summary>Options sshkeep cannot supervise without, always first (so they win) and never
    /// taken from the tunnel: no password prompt on a terminal nobody watches, and no multiplexing
    /// master that would carry the forwards in another process. The loader refuses the other
    /// values; a tunnel built by hand that carries them anyway loses them here.</summary>
    private static readonly IReadOnlyList<KeyValuePair<string, string>> Forced =
    [
        new("BatchMode", "yes"),
        new("ControlMaster", "no"),
        new("ControlPath", "none"),
    ];

    /// <param name="tunnel">The tunnel.</param>
    /// <param name="controlPath">When given, this ssh is the multiplexing master on a socket
    /// sshkeep owns: the end-to-end probes open channels through the very session that
    /// carries the forwards (<c>Ssh/MuxStdioForward</c>). ControlPersist=no keeps the master
    /// the process we supervise: it ends with the session, never forks into the background.</param>
    public static IReadOnlyList<string> Build(TunnelConfig tunnel, string? controlPath = null)
    {
        // -N: no remote command, -T: no terminal; a tunnel only forwards.
        var argv = new List<string> { "-N", "-T" };
        AddOption(argv, Forced[0]);

        // The seed's recommended set, with sshkeep's shorter defaults from Health, unless the
        // tunnel wrote the option itself (the loader turns these three into Health, so this
        // matters for tunnels built elsewhere).
        var seed = new KeyValuePair<string, string>[]
        {
            new("ServerAliveInterval", Number(tunnel.Health.ServerAliveInterval)),
            new("ServerAliveCountMax", Number(tunnel.Health.ServerAliveCountMax)),
            new("ConnectTimeout", Number(tunnel.Health.ConnectTimeout)),
            new("ExitOnForwardFailure", "yes"),
            // VERBOSE makes ssh say "Authenticated to …": the moment the session exists, which is
            // how the supervisor tells "up" from "still connecting" (and it names refused
            // forwards and keys). Left to the user when the tunnel sets LogLevel.
            new("LogLevel", "VERBOSE"),
        };
        foreach (var option in seed.Where(o => !Sets(tunnel, o.Key)))
        {
            AddOption(argv, option);
        }

        if (controlPath is null)
        {
            AddOption(argv, Forced[1]);
            AddOption(argv, Forced[2]);
        }
        else
        {
            AddOption(argv, new("ControlMaster", "yes"));
            AddOption(argv, new("ControlPath", EscapePercent(controlPath)));
            AddOption(argv, new("ControlPersist", "no"));
        }

        // Host key checking is left to the user's ssh_config; StrictHostKeyChecking only ever
        // arrives here from the tunnel's own options.
        foreach (var option in tunnel.SshOptions.Where(o => !Forced.Any(f => SameKeyword(f.Key, o.Key))))
        {
            AddOption(argv, option);
        }

        if (tunnel.Port is { } port)
        {
            argv.Add("-p");
            argv.Add(Number(port));
        }

        if (tunnel.IdentityFile is { } identity)
        {
            argv.Add("-i");
            argv.Add(identity);
        }

        foreach (var forward in tunnel.Forwards)
        {
            argv.Add(forward.Flag);
            argv.Add(forward.Argument);
        }

        // "--" ends ssh's options: whatever the destination is, it cannot be read as one.
        argv.Add("--");
        argv.Add(tunnel.Destination);
        return argv;
    }

    /// <summary>ssh expands %-tokens in ControlPath; a literal '%' is written "%%".</summary>
    private static string EscapePercent(string path) => path.Replace("%", "%%", StringComparison.Ordinal);

    private static bool Sets(TunnelConfig tunnel, string keyword) => tunnel.SshOptions.Any(o => SameKeyword(o.Key, keyword));

    /// <summary>ssh_config keywords ignore case (ssh lower-cases them before matching).</summary>
    private static bool SameKeyword(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);

    private static void AddOption(List<string> argv, KeyValuePair<string, string> option)
    {
        argv.Add("-o");
        argv.Add($"{option.Key}={option.Value}");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Globalization;
using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// An sshd in a network namespace of its own, for autossh's loop mode (-M P): ssh listens on P on
/// the client side (-L P) and asks the server to listen on P too (-R P), which collide when both
/// share 127.0.0.1 (spec R56). Nothing listens: each ssh connection runs, as its ProxyCommand,
/// <c>unshare -n</c> + <c>sshd -i</c> (inetd mode), so the server speaks on the proxy's stdin and
/// stdout from inside a fresh namespace with only its own loopback. Needs root (unshare -n).
/// </summary>
internal sealed class NamespacedSshd : IAsyncDisposable
{
    /// <summary>The name the host key is filed under in <see cref="KnownHostsPath"/>: with a
    /// ProxyCommand the destination host is never dialled, so it is a label, not an address.</summary>
    public const string HostKeyAlias = "sshkeep-netns";

    private readonly SshdKeyMaterial _keys;

    private NamespacedSshd(string directory, SshdKeyMaterial keys, string proxyCommand)
    {
        Directory = directory;
        _keys = keys;
        ProxyCommand = proxyCommand;
    }

    /// <summary>The private folder holding keys, config, logs and the session list; deleted on disposal.</summary>
    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "sshd_config");

    /// <summary>The log of every session's sshd (they all append to it).</summary>
    public string LogPath => Path.Combine(Directory, "sshd.log");

    /// <summary>One line per connection with the pid of its sshd -i (written by the ProxyCommand).</summary>
    private string SessionListPath => Path.Combine(Directory, "sessions");

    public string ClientKeyPath => _keys.ClientKeyPath;

    /// <summary>"sshkeep-netns ssh-ed25519 …", checked through HostKeyAlias.</summary>
    public string KnownHostsPath => Path.Combine(Directory, "known_hosts");

    public string User { get; } = Environment.UserName;

    /// <summary>"user@127.0.0.1": the host part is never dialled (the ProxyCommand is the connection).</summary>
    public string Destination => $"{User}@127.0.0.1";

    /// <summary>The ProxyCommand that starts a namespaced sshd for one connection.</summary>
    public string ProxyCommand { get; }

    /// <summary>ssh options that reach this server through the ProxyCommand; put them before the destination.</summary>
    public IReadOnlyList<string> ClientOptions =>
    [
        "-F", "/dev/null",
        "-i", ClientKeyPath,
        "-o", $"UserKnownHostsFile={KnownHostsPath}",
        "-o", $"HostKeyAlias={HostKeyAlias}",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes",
        "-o", $"ProxyCommand={ProxyCommand}",
    ];

    public static async Task<NamespacedSshd> CreateAsync(
        ThrowawaySshdOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        options ??= new ThrowawaySshdOptions();
        var unshare = DemoTools.Find("unshare") ?? throw new InvalidOperationException("unshare not found (apt-get install util-linux)");
        var ip = DemoTools.Find("ip") ?? throw new InvalidOperationException("ip not found (apt-get install iproute2)");
        var directory = System.IO.Directory.CreateTempSubdirectory("sshkeep-netns-").FullName;
        try
        {
            // The paths go unquoted into a command line that two shells parse (ssh's and unshare's
            // sh -c); temp folders are plain, and refusing anything else beats quoting twice.
            if (directory.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-')))
                throw new InvalidOperationException($"temp folder \"{directory}\" has characters unsafe in a ProxyCommand");

            var keys = await SshdKeyMaterial.CreateAsync(directory, options.StartupTimeout, timeProvider ?? TimeProvider.System,
                                                         cancellationToken).ConfigureAwait(false);
            var config = Path.Combine(directory, "sshd_config");
            // No Port/ListenAddress: sshd -i serves the connection it is handed. PidFile none: many
            // sessions run at once and none of them is "the" server.
            await File.WriteAllLinesAsync(config, ["PidFile none", .. keys.CommonConfig(options)], cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(directory, "known_hosts"), $"{HostKeyAlias} {keys.HostPublicKey}\n",
                                         cancellationToken).ConfigureAwait(false);

            // ssh runs this as `$SHELL -c "exec …"`, and unshare and sh exec in turn, so $$ is the pid
            // the final sshd -i will have: a direct child of the ssh client. It is recorded so the
            // session can be found (to freeze it) and killed on disposal. `ip link set lo up`
            // because a new namespace's loopback starts down, and -R binds 127.0.0.1 there.
            var proxy = $"{unshare} -n sh -c 'echo $$ >> {directory}/sessions && {ip} link set lo up && " +
                        $"exec {options.SshdPath} -i -e -E {directory}/sshd.log -f {config}'";
            return new NamespacedSshd(directory, keys, proxy);
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The pids of every live session's sshd -i and its descendants. SIGSTOP them to freeze a
    /// session; they are inside the namespace, so this is the only way to reach them.
    /// </summary>
    public IReadOnlyList<int> SessionPids() => [.. SessionProcesses().Select(p => p.Pid)];

    public ValueTask DisposeAsync()
    {
        try
        {
            // A session whose ssh client is gone ends by itself on EOF, unless a test froze it:
            // sessions started through this fixture's ProxyCommand are ours to kill.
            foreach (var session in SessionProcesses()) NativeSignals.Send(session, SignalNumbers.SIGKILL);
        }
        finally
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Disposed twice; the first time did the work.
            }
        }
        return ValueTask.CompletedTask;
    }

    private List<ProcessIdentity> SessionProcesses()
    {
        if (!File.Exists(SessionListPath)) return [];
        var ourNamespace = ProcessTable.NamespaceOf(Environment.ProcessId, "net");
        var result = new List<ProcessIdentity>();
        foreach (var line in File.ReadAllLines(SessionListPath))
        {
            if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            // The list only grows and pids get reused: keep a pid only while it is still an sshd in
            // another network namespace, which an unrelated process with a recycled pid is not.
            if (ProcessTable.Identify(pid) is not { } process) continue;
            if (ProcessTable.ExecutableOf(pid) is not { } exe || !exe.EndsWith("/sshd", StringComparison.Ordinal)) continue;
            if (ProcessTable.NamespaceOf(pid, "net") == ourNamespace) continue;
            result.Add(process);
            result.AddRange(ProcessTable.DescendantsOf(pid));
        }
        return result;
    }
}

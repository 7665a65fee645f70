using SshKeep.Native;

namespace SshKeep.Demo;

/// <summary>A private OpenSSH server on 127.0.0.1 and a free port (keys: <see cref="SshdKeyMaterial"/>); it never
/// touches the machine's sshd, and on disposal kills only what it started.</summary>
/// <remarks>Made by <see cref="CreateAsync"/>, which also starts it.</remarks>
internal sealed class ThrowawaySshd(string directory, SshdKeyMaterial keys, ThrowawaySshdOptions options, TimeProvider time)
    : IAsyncDisposable
{
    private BackgroundProcess? _listener;

    /// <summary>The private folder holding keys, config, pid file and log; deleted on disposal.</summary>
    public string Directory { get; } = directory;

    /// <summary>The port sshd listens on, on 127.0.0.1; it stays the same across <see cref="StopAsync"/>/<see cref="StartAsync"/>.</summary>
    public int Port { get; private set; }

    public string ConfigPath => System.IO.Path.Combine(Directory, "sshd_config");

    /// <summary>sshd's own log (LogLevel VERBOSE, via -E): accepted keys, forwarding requests, disconnects.</summary>
    public string LogPath => System.IO.Path.Combine(Directory, "sshd.log");

    public string ClientKeyPath => keys.ClientKeyPath;

    /// <summary>A known_hosts file with "[127.0.0.1]:PORT ssh-ed25519 …", so clients can use StrictHostKeyChecking=yes.</summary>
    public string KnownHostsPath => System.IO.Path.Combine(Directory, "known_hosts");

    /// <summary>The user to log in as: whoever runs this (the authorized_keys is only read for them).</summary>
    public string User { get; } = Environment.UserName;

    public string Destination => $"{User}@127.0.0.1";

    public int? ListenerPid => _listener is { HasExited: false } listener ? listener.Pid : null;

    /// <summary>ssh options that reach this server and nothing else (no ssh_config, this key only, strict
    /// known_hosts, BatchMode so a mistake fails instead of prompting); put them before the destination.</summary>
    public IReadOnlyList<string> ClientOptions =>
    [
        "-F", "/dev/null",
        "-i", ClientKeyPath,
        "-o", $"UserKnownHostsFile={KnownHostsPath}",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes",
        "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>The tunnels-file twin of <see cref="ClientOptions"/> (for <c>defaults:</c> or one tunnel).</summary>
    public string TunnelKeysYaml(string indent) => TunnelKeysYaml(indent, Port, ClientKeyPath, KnownHostsPath);

    internal static string TunnelKeysYaml(string indent, int port, string clientKeyPath, string knownHostsPath) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        {indent}port: {port}
        {indent}identity_file: {clientKeyPath}
        {indent}ssh_options:
        {indent}  UserKnownHostsFile: {knownHostsPath}
        {indent}  StrictHostKeyChecking: "yes"
        {indent}  IdentitiesOnly: "yes"

        """);

    public static async Task<ThrowawaySshd> CreateAsync(
        ThrowawaySshdOptions? options = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        options ??= new ThrowawaySshdOptions();
        timeProvider ??= TimeProvider.System;
        var directory = System.IO.Directory.CreateTempSubdirectory("sshkeep-sshd-").FullName;
        ThrowawaySshd? sshd = null;
        try
        {
            var keys = await SshdKeyMaterial.CreateAsync(directory, options.StartupTimeout, timeProvider, cancellationToken)
                                            .ConfigureAwait(false);
            sshd = new ThrowawaySshd(directory, keys, options, timeProvider);
            // A port free a moment ago may be taken before sshd binds it (sshd then exits at once): try a fresh one.
            for (var attempt = 1; ; attempt++)
            {
                sshd.Port = LoopbackPort.PickFree();
                try
                {
                    await sshd.StartAsync(cancellationToken).ConfigureAwait(false);
                    return sshd;
                }
                catch (SshdBindException) when (attempt < 5)
                {
                }
            }
        }
        catch
        {
            if (sshd is not null) await sshd.DisposeAsync().ConfigureAwait(false);
            else System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Starts sshd again on the same port after <see cref="StopAsync"/> (an "sshd restarted" scenario).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (ListenerPid is not null) throw new InvalidOperationException("sshd is already running");
        WriteConfigAndKnownHosts();
        EnsurePrivilegeSeparationDirectory();
        var logOffset = File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;

        // -D: stay in the foreground as our child, so we hold its pid and can reap it.
        // -e with -E: log to the file; stderr only receives what sshd says before the log is open.
        var process = BackgroundProcess.Start(options.SshdPath, ["-D", "-e", "-E", LogPath, "-f", ConfigPath]);
        _listener = process;

        var ready = $"Server listening on 127.0.0.1 port {Port}.";
        var started = time.GetTimestamp();
        while (true)
        {
            // The log line comes right after listen(2), so once it is there the port accepts; waiting for
            // it instead of probing with connect() leaves no stray "Connection closed [preauth]" entries.
            var log = ReadLogFrom(logOffset);
            if (log.Contains(ready, StringComparison.Ordinal)) return;
            if (process.HasExited)
            {
                var why = $"sshd exited with {await process.Exited.ConfigureAwait(false)} before listening on port {Port}.\n{log}{process.StandardError}";
                await StopListenerAsync().ConfigureAwait(false);
                if (why.Contains("Address already in use", StringComparison.Ordinal)) throw new SshdBindException(why);
                throw new InvalidOperationException(why);
            }
            if (time.GetElapsedTime(started) > options.StartupTimeout)
            {
                await StopListenerAsync().ConfigureAwait(false);
                throw new TimeoutException($"sshd did not listen on port {Port} within {options.StartupTimeout}.\n{log}{process.StandardError}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync()
    {
        // Sessions die while the listener runs, so it reaps them: orphaned, they would be init's zombies.
        foreach (var process in SessionProcesses()) NativeSignals.Send(process, SignalNumbers.SIGKILL);
        await StopListenerAsync().ConfigureAwait(false);
    }

    /// <summary>Every process serving a connection: each per-connection sshd and its descendants. SIGSTOP them
    /// all to freeze a session (for a non-root login the bytes are moved by the unprivileged child).</summary>
    public IReadOnlyList<int> SessionPids() => [.. SessionProcesses().Select(p => p.Pid)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private IReadOnlyList<ProcessIdentity> SessionProcesses() =>
        ListenerPid is { } listener ? ProcessTable.DescendantsOf(listener) : [];

    private async Task StopListenerAsync()
    {
        if (_listener is not { } listener) return;
        _listener = null;
        await listener.DisposeAsync().ConfigureAwait(false);
    }

    private void WriteConfigAndKnownHosts()
    {
        string[] lines =
        [
            "ListenAddress 127.0.0.1",
            $"Port {Port}",
            $"PidFile {System.IO.Path.Combine(Directory, "sshd.pid")}",
            .. keys.CommonConfig(options),
        ];
        File.WriteAllLines(ConfigPath, lines);
        File.WriteAllText(KnownHostsPath, $"[127.0.0.1]:{Port} {keys.HostPublicKey}\n");
    }

    /// <summary>sshd as root needs /run/sshd, which a fresh container without a started ssh service lacks.</summary>
    private static void EnsurePrivilegeSeparationDirectory()
    {
        if (!Environment.IsPrivilegedProcess || System.IO.Directory.Exists("/run/sshd")) return;
        System.IO.Directory.CreateDirectory("/run/sshd",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    private string ReadLogFrom(long offset)
    {
        if (!File.Exists(LogPath)) return "";
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        return new StreamReader(stream).ReadToEnd();
    }

    private sealed class SshdBindException(string message) : Exception(message);
}

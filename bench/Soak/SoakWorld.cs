using SshKeep.Demo;

namespace SshKeep.Bench.Soak;

/// <summary>
/// What the soak runs against: a throwaway sshd on 127.0.0.1, an echo server, a private folder
/// with the tunnels file and the run directory, and the `sshkeep up` daemon on them, asked through
/// its own CLI (`status --json`, `reload`). Disposal stops the daemon (SIGTERM, 10 s, SIGKILL),
/// then sshd and the echo server, and deletes the folder.
/// </summary>
internal sealed class SoakWorld : IAsyncDisposable
{
    private static readonly TimeSpan CliDeadline = TimeSpan.FromSeconds(30);
    private readonly string _sshkeep;
    private readonly double? _backoffMax;

    private SoakWorld(ThrowawaySshd sshd, EchoServer echo, string directory, string sshkeep, double? backoffMax)
    {
        _backoffMax = backoffMax;
        Sshd = sshd;
        Echo = echo;
        Directory = directory;
        _sshkeep = sshkeep;
        Layout = TunnelLayout.Create(LoopbackPort.PickFree);
        System.IO.Directory.CreateDirectory(RunDirectory);
    }

    public ThrowawaySshd Sshd { get; }

    public EchoServer Echo { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "tunnels.yaml");

    public string RunDirectory => Path.Combine(Directory, "run");

    /// <summary>The layout last written to the tunnels file.</summary>
    public TunnelLayout Layout { get; private set; }

    public BackgroundProcess? Daemon { get; private set; }

    /// <summary>Everything the daemon logged so far (it logs to stderr).</summary>
    public string DaemonLog => Daemon?.StandardError ?? "";

    /// <param name="backoffMax">backoff.max for every tunnel (seconds); null for the daemon's default.</param>
    public static async Task<SoakWorld> CreateAsync(string sshkeep, double? backoffMax, TimeProvider time, CancellationToken cancellationToken)
    {
        var sshd = await ThrowawaySshd.CreateAsync(timeProvider: time, cancellationToken: cancellationToken).ConfigureAwait(false);
        // A short folder name: the control socket's path must fit in 107 bytes.
        return new SoakWorld(sshd, EchoServer.Start(), System.IO.Directory.CreateTempSubdirectory("sshkeep-soak-").FullName, sshkeep, backoffMax);
    }

    /// <summary>Writes the tunnels file for the current layout and starts `sshkeep up` on it.</summary>
    public void StartDaemon()
    {
        WriteConfig(Layout);
        // systemd's variables are cleared so a run under a unit cannot make it talk to the real service manager.
        Daemon = BackgroundProcess.Start(_sshkeep, ["up", "-c", ConfigPath, "--run-dir", RunDirectory],
            new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null, ["WATCHDOG_USEC"] = null, ["WATCHDOG_PID"] = null, ["JOURNAL_STREAM"] = null });
    }

    /// <summary>`sshkeep status --json`; null while the daemon does not answer.</summary>
    public async Task<DaemonStatus?> StatusAsync(CancellationToken cancellationToken)
    {
        var result = await Cli("status", ["--json"], cancellationToken).ConfigureAwait(false);
        return DaemonStatus.Parse(result.StandardOutput);
    }

    /// <summary>Writes <paramref name="layout"/> to the tunnels file and runs `sshkeep reload`; null when
    /// the daemon took it, else one line saying why not.</summary>
    public async Task<string?> ReloadAsync(TunnelLayout layout, CancellationToken cancellationToken)
    {
        WriteConfig(layout);
        var result = await Cli("reload", [], cancellationToken).ConfigureAwait(false);
        if (result.Succeeded) return null;
        var said = (result.StandardError + result.StandardOutput).Trim().Split('\n')[0];
        return $"sshkeep reload {(result.TimedOut ? "did not answer" : $"exited with {result.ExitCode}")}: {said}";
    }

    /// <summary>SIGTERM, 10 s to stop its ssh and exit, then SIGKILL; returns the exit status (null when none ran).</summary>
    public async Task<int?> StopDaemonAsync()
    {
        if (Daemon is not { } daemon) return null;
        return await daemon.StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Daemon is { } daemon) await daemon.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await Echo.DisposeAsync().ConfigureAwait(false);
            await Sshd.DisposeAsync().ConfigureAwait(false);
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private Task<ProcessResult> Cli(string verb, string[] arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(_sshkeep, [verb, .. arguments, "-c", ConfigPath, "--run-dir", RunDirectory], CliDeadline,
                               cancellationToken: cancellationToken);

    /// <summary>Written beside and renamed over, so the daemon never reads half a file.</summary>
    private void WriteConfig(TunnelLayout layout)
    {
        var staging = ConfigPath + ".new";
        File.WriteAllText(staging, SoakConfig.Render(layout, Sshd, Echo.Port, _backoffMax));
        File.Move(staging, ConfigPath, overwrite: true);
        Layout = layout;
    }
}

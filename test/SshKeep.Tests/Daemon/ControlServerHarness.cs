using SshKeep.Daemon;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Daemon;

/// <summary>A real control server on a real socket in a temporary run directory, with the
/// instance lock held as in the daemon; disposed in the daemon's order (server, lock, directory).</summary>
internal sealed class ControlServerHarness : IAsyncDisposable
{
    private ControlServerHarness(TempDirectory temp, InstancePaths paths, InstanceLock heldLock, TimeProvider time)
    {
        Temp = temp;
        Paths = paths;
        Lock = heldLock;
        Time = time;
    }

    public TempDirectory Temp { get; }

    public InstancePaths Paths { get; }

    public InstanceLock Lock { get; }

    public TimeProvider Time { get; }

    public RecordingControlHandler Handler { get; } = new();

    public RecordingLogger Logger { get; } = new();

    public ControlServer? Server { get; private set; }

    public string SocketPath => Paths.SocketPath;

    /// <summary>Prepares the run directory and takes the lock; <see cref="Start"/> starts the server.</summary>
    public static ControlServerHarness Prepare(TimeProvider? time = null)
    {
        var temp = new TempDirectory();
        var paths = RunDirectory.Resolve(temp.Path, null, 1000).ForCanonical("/srv/sshkeep/tunnels.yaml");
        Assert.True(InstanceLock.TryAcquire(paths.LockPath, out var heldLock, out var refusal), refusal?.Describe("tunnels.yaml"));
        return new ControlServerHarness(temp, paths, heldLock, time ?? TimeProvider.System);
    }

    public static ControlServerHarness Started(TimeProvider? time = null, Func<ControlServerOptions, ControlServerOptions>? adjust = null)
    {
        var harness = Prepare(time);
        harness.Start(adjust);
        return harness;
    }

    public ControlServer Start(Func<ControlServerOptions, ControlServerOptions>? adjust = null)
    {
        var options = new ControlServerOptions { SocketPath = SocketPath };
        if (adjust is not null) options = adjust(options);
        Assert.True(ControlServer.TryStart(options, Lock, Handler, Time, Logger, out var server, out string? error), error);
        return Server = server;
    }

    public ControlClient Client() => new(TimeProvider.System, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));

    public Task<ControlCallResult> SendAsync(ControlRequest request) => Client().SendAsync(SocketPath, request, CancellationToken.None);

    public Task<RawControlConnection> ConnectRawAsync() => RawControlConnection.ConnectAsync(SocketPath);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Server is not null) await Server.DisposeAsync();
            Lock.Dispose();
        }
        finally
        {
            Temp.Dispose();
        }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using SshKeep.Daemon;
using SshKeep.Native;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Daemon;

/// <summary>The three files together, wired the way `sshkeep up` wires them: lock first, then the
/// status store, then the control socket answering from the store; disposed in reverse order.</summary>
public sealed class DaemonFilesTests
{
    [Fact]
    public async Task Two_config_files_run_side_by_side_and_a_second_daemon_for_one_is_refused()
    {
        using var temp = new TempDirectory();
        var run = RunDirectory.Resolve(temp.File("run"), null, 1000);
        Assert.True(run.TryCreate(LibC.geteuid(), out string? error), error);
        var home = run.ForCanonical("/home/ada/.config/sshkeep/tunnels.yaml");
        var work = run.ForCanonical("/home/ada/work/tunnels.yaml");

        await using (var first = MiniDaemon.Start(home))
        await using (var second = MiniDaemon.Start(work))
        {
            Assert.False(InstanceLock.TryAcquire(home.LockPath, out _, out var refusal));
            Assert.Equal($"another sshkeep (pid {Environment.ProcessId}) already runs tunnels.yaml", refusal.Describe("tunnels.yaml"));

            var client = new ControlClient(TimeProvider.System, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
            var homeStatus = await client.SendAsync(home.SocketPath, new ControlRequest(ControlCommand.Status), CancellationToken.None);
            var workStatus = await client.SendAsync(work.SocketPath, new ControlRequest(ControlCommand.Status), CancellationToken.None);
            Assert.Equal(home.ConfigPath, homeStatus.Response?.Status?.Daemon.ConfigPath);
            Assert.Equal(work.ConfigPath, workStatus.Response?.Status?.Daemon.ConfigPath);
            Assert.Equal(6, Directory.GetFiles(run.Path).Length);
        }

        Assert.Empty(Directory.GetFileSystemEntries(run.Path));
    }

    /// <summary>Lock, store and socket, as the daemon holds them.</summary>
    private sealed class MiniDaemon(InstanceLock heldLock, StatusStore store, ControlServer server) : IAsyncDisposable, IControlHandler
    {
        public static MiniDaemon Start(InstancePaths paths)
        {
            var clock = new ManualTimeProvider();
            Assert.True(InstanceLock.TryAcquire(paths.LockPath, out var heldLock, out var refusal), refusal?.Describe(paths.ConfigPath));
            var info = StatusSamples.Daemon with { ConfigPath = paths.ConfigPath, Pid = Environment.ProcessId };
            Assert.True(StatusStore.TryCreate(paths.StatusPath, info, clock, NullLogger.Instance, out var store, out string? error), error);
            store.SetAll(StatusSamples.Snapshot.Tunnels);
            var handler = new Forwarder();
            Assert.True(ControlServer.TryStart(new ControlServerOptions { SocketPath = paths.SocketPath }, heldLock, handler, clock, NullLogger.Instance, out var server, out error), error);
            var daemon = new MiniDaemon(heldLock, store, server);
            handler.Target = daemon;
            return daemon;
        }

        public Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(request.Command == ControlCommand.Status
                ? ControlResponse.Success(status: store.Snapshot)
                : ControlResponse.Failure(ControlErrors.Failed, "not in this test"));

        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync();
            store.Dispose();
            heldLock.Dispose();
        }

        private sealed class Forwarder : IControlHandler
        {
            public IControlHandler? Target { get; set; }

            public Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken) =>
                Target!.HandleAsync(request, cancellationToken);
        }
    }
}

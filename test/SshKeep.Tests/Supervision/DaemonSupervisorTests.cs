using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Ssh;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Supervision;

/// <summary>
/// The news of the list itself (docs/daemon.md, "Transitions are the only news"): the daemon's
/// start and each reload list every tunnel in file order, a reload sends removed for a tunnel it
/// dropped, and the status fold of the whole stream is the file's tunnels in the file's order.
/// </summary>
public sealed class DaemonSupervisorTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly RecordingLogger _log = new();
    private readonly List<TunnelTransition> _news = [];

    [Fact]
    public async Task Start_and_reload_list_every_tunnel_in_file_order_and_a_removed_one_is_dropped()
    {
        var launcher = new FakeSshLauncher(_clock);
        await using var supervisor = new DaemonSupervisor((tunnel, news) => Create(tunnel, launcher, news), _clock, Record);

        supervisor.Start(Config(Tunnel("web"), Tunnel("old") with { Enabled = false }, Tunnel("db")));
        var started = ListNews();
        await supervisor.ReloadAsync(Config(Tunnel("db"), Tunnel("new"), Tunnel("web")));
        var reloaded = ListNews().Skip(started.Count).ToList();

        Assert.Equal(["listed web starting", "listed old stopped", "listed db starting"], started);
        Assert.Equal(["removed old stopped", "listed db starting", "listed new starting", "listed web starting"], reloaded);
        Assert.Equal(["db", "new", "web"], Fold().Select(t => t.Status.Name));
    }

    [Fact]
    public async Task Stopping_every_tunnel_leaves_each_stopped_in_the_fold()
    {
        var launcher = new FakeSshLauncher(_clock);
        var supervisor = new DaemonSupervisor((tunnel, news) => Create(tunnel, launcher, news), _clock, Record);
        supervisor.Start(Config(Tunnel("web"), Tunnel("db")));

        await supervisor.DisposeAsync();

        Assert.Equal(["web stopped", "db stopped"], Fold().Select(t => $"{t.Status.Name} {KebabName.Of(t.Status.State)}"));
    }

    private void Record(TunnelTransition transition)
    {
        lock (_news) _news.Add(transition);
    }

    private List<string> ListNews()
    {
        lock (_news)
        {
            return [.. _news.Where(t => t.Reason is TransitionReasons.Listed or TransitionReasons.Removed)
                .Select(t => $"{t.Reason} {t.Tunnel} {KebabName.Of(t.After.State)}")];
        }
    }

    private IReadOnlyList<ListedTunnel> Fold()
    {
        lock (_news) return _news.Aggregate((IReadOnlyList<ListedTunnel>)[], StatusFold.Apply);
    }

    private TunnelSupervisor Create(TunnelConfig tunnel, FakeSshLauncher launcher, Action<TunnelTransition> news) =>
        new(tunnel, launcher, _log, _clock, new TunnelSupervisorOptions
        {
            StartInfoFor = (_, destination) => new SshStartInfo("ssh", ["-N", destination], CaptureStandardError: true),
            ListenerAccepts = (_, _) => Task.FromResult(false),
            NextUnit = () => 0.5,
        }, news);

    private static SshKeepConfig Config(params TunnelConfig[] tunnels) => new() { Path = "/t.yaml", Tunnels = tunnels };

    private static TunnelConfig Tunnel(string name) => new()
    {
        Name = name,
        Destinations = ["deploy@bastion"],
        Forwards = [new ForwardSpec(ForwardKind.Local, "127.0.0.1", 15432, "db.internal", 5432)],
    };
}

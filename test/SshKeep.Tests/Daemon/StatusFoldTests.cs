using SshKeep.Daemon;
using SshKeep.Supervision;
using SshKeep.Tests.Supervision;

namespace SshKeep.Tests.Daemon;

/// <summary>
/// The daemon's status fold (docs/daemon.md, "Transitions are the only news"): (tunnels, transition)
/// → tunnels'. Tunnels are written "name:state" with "+up" (ever up) and "+tried" (attempted).
/// </summary>
public sealed class StatusFoldTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, string, string> Rows() => new()
    {
        // fold before · tunnel · reason · from → to · fold after
        { "", "web", TransitionReasons.Listed, "starting>starting", "web:starting" },                        // the daemon starts: listed in file order
        { "web:starting", "db", TransitionReasons.Listed, "stopped>stopped", "web:starting db:stopped" },  // … a disabled one as stopped
        { "web:starting", "web", TransitionReasons.SshStarted, "starting>starting", "web:starting" },       // a pid: same state
        { "web:starting db:stopped", "web", TransitionReasons.Up, "starting>up", "web:up+up+tried db:stopped" }, // up: ever up, attempted
        { "web:starting", "web", TransitionReasons.Waiting, "starting>backoff", "web:backoff+tried" },      // a first run failed and waits
        { "web:starting", "web", TransitionReasons.Waiting, "starting>needs-attention", "web:needs-attention+tried" },
        { "web:starting", "web", TransitionReasons.RunEnded, "starting>starting", "web:starting" },         // a run ended, no wait yet: not settled
        { "web:backoff+tried", "web", TransitionReasons.Starting, "backoff>starting", "web:starting+tried" }, // progress is kept
        { "web:up+up+tried", "web", TransitionReasons.Stopped, "up>stopped", "web:stopped+up+tried" },
        { "", "web", TransitionReasons.Starting, "starting>starting", "web:starting" },                     // a transition before the listing
        { "web:up+up+tried db:stopped", "web", TransitionReasons.Listed, "starting>starting", "db:stopped web:up+up+tried" }, // a reload lists in the new order; a known tunnel keeps its status
        { "web:up+up+tried db:stopped", "db", TransitionReasons.Removed, "stopped>stopped", "web:up+up+tried" },
        { "web:up", "db", TransitionReasons.Removed, "stopped>stopped", "web:up" },                       // removing an unknown tunnel
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_transition_folds_into_the_tunnels_of_status_json_and_readiness(
        string before, string tunnel, string reason, string change, string after)
    {
        var states = change.Split('>');
        var transition = Transitions.Of(Status(tunnel, states[0]), Status(tunnel, states[1]), reason, T0);

        var folded = StatusFold.Apply(Parse(before), transition);

        Assert.Equal(after, string.Join(' ', folded.Select(Show)));
    }

    [Fact]
    public void The_fold_keeps_the_whole_status_of_the_last_transition()
    {
        var up = Status("web", "up") with { Pid = 42, LastError = "old", Restarts = 3 };

        var folded = StatusFold.Apply([new ListedTunnel(Status("web", "starting"))], Transitions.Of(Status("web", "starting"), up, TransitionReasons.Up));

        Assert.Equal(new ListedTunnel(up, EverUp: true, Attempted: true), Assert.Single(folded));
    }

    private static IReadOnlyList<ListedTunnel> Parse(string fold) =>
        [.. fold.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t =>
        {
            var parts = t.Split('+');
            var nameState = parts[0].Split(':');
            return new ListedTunnel(Status(nameState[0], nameState[1]), parts.Contains("up"), parts.Contains("tried"));
        })];

    private static string Show(ListedTunnel t) =>
        $"{t.Status.Name}:{KebabName.Of(t.Status.State)}{(t.EverUp ? "+up" : "")}{(t.Attempted ? "+tried" : "")}";

    private static TunnelStatus Status(string name, string state) => new()
    {
        Name = name,
        State = KebabName.TryParse<TunnelState>(state, out var parsed) ? parsed : throw new ArgumentException(state),
        Since = T0,
    };
}

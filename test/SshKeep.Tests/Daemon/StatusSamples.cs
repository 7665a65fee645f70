using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Forwarding;
using SshKeep.Supervision;

namespace SshKeep.Tests.Daemon;

/// <summary>A representative snapshot for the golden files: every state once, at a fixed clock.</summary>
internal static class StatusSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public static DaemonInfo Daemon { get; } = new()
    {
        Pid = 4242,
        ConfigPath = "/home/ada/.config/sshkeep/tunnels.yaml",
        StartedAt = Now - TimeSpan.FromDays(3) - TimeSpan.FromHours(5),
        Version = "0.3.0",
    };

    public static StatusSnapshot Snapshot { get; } = new()
    {
        Daemon = Daemon,
        UpdatedAt = Now - TimeSpan.FromSeconds(3),
        Tunnels =
        [
            new TunnelStatus
            {
                Name = "web",
                Destination = "deploy@web.example.net",
                State = TunnelState.Up,
                Since = Now - new TimeSpan(2, 5, 9),
                UpSince = Now - new TimeSpan(2, 5, 9),
                Restarts = 1,
                Attempts = 2,
                Pid = 5101,
                LastExit = "status 255",
                LastRestartReason = "exited",
                // Past: the tunnel is up again since (the table shows no LAST ERROR).
                LastError = "Connection reset by 198.51.100.4 port 22",
                LastErrorAt = Now - new TimeSpan(2, 5, 12),
            },
            new TunnelStatus
            {
                Name = "db",
                Destination = "deploy@db2.example.net",
                State = TunnelState.Starting,
                Since = Now - TimeSpan.FromSeconds(3),
                Restarts = 1,
                Attempts = 4,
                Pid = 5230,
                LastExit = "status 255",
                LastError = "Connection reset by 203.0.113.7 port 22",
                LastErrorAt = Now - TimeSpan.FromSeconds(5),
            },
            new TunnelStatus
            {
                Name = "metrics",
                Destination = "metrics.internal.example.net",
                State = TunnelState.Backoff,
                Since = Now - TimeSpan.FromSeconds(12),
                Restarts = 2,
                Attempts = 8,
                LastExit = "status 255",
                LastError = "ssh: connect to host metrics.internal.example.net port 22: Connection refused (while resolving the jump host bastion-eu-west-1.example.net)",
                LastErrorAt = Now - TimeSpan.FromSeconds(12),
                NextRetry = Now + TimeSpan.FromSeconds(4),
            },
            new TunnelStatus
            {
                Name = "reverse-api",
                Destination = "deploy@api.example.net",
                State = TunnelState.WaitingForRemotePort,
                Since = Now - new TimeSpan(0, 3, 12),
                // One outage of a -R tunnel: one restart, then 30 retries while the server held the port.
                Restarts = 1,
                Attempts = 31,
                LastExit = "status 255",
                LastError = "Error: remote port forwarding failed for listen port 8080",
                LastErrorAt = Now - TimeSpan.FromSeconds(1),
                NextRetry = Now + TimeSpan.FromMilliseconds(1500),
                HeldRemotePort = 8080,
            },
            new TunnelStatus
            {
                Name = "vault",
                Destination = "ops@vault.example.net",
                State = TunnelState.NeedsAttention,
                Since = Now - new TimeSpan(0, 42, 0),
                Restarts = 0,
                Attempts = 3,
                LastExit = "status 255",
                LastError = "ops@vault.example.net: Permission denied (publickey).",
                LastErrorAt = Now - new TimeSpan(0, 42, 0),
                NextRetry = Now + new TimeSpan(0, 4, 30),
            },
            new TunnelStatus
            {
                Name = "legacy",
                // Disabled: it runs against no server.
                State = TunnelState.Stopped,
                Since = Now - new TimeSpan(3, 4, 0, 0),
                Restarts = 1,
                Attempts = 2,
                LastExit = "signal 15",
            },
        ],
    };

    /// <summary><see cref="Snapshot"/> as the control socket answers it when web and db hold ports: web's carried
    /// clients (one still open), db's waiting for its session to come up; the others hold none.</summary>
    public static StatusSnapshot Answered { get; } = Snapshot.WithForwards(new Dictionary<string, IReadOnlyList<HeldForwardReading>>
    {
        ["web"] =
        [
            // 40 carried: 31 at once, 6 within 0.1 s, 3 across the restart (about 2 s); 2 refused by the target.
            new("127.0.0.1:8080", ForwardKind.Local, new HeldForwardCounts(42, 0, 1, 2, [31, 0, 0, 6, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0], 6.5)),
            new("1080", ForwardKind.Dynamic, new HeldForwardCounts(0, 0, 0, 0, new long[HeldForward.WaitBounds.Length + 1], 0)),
        ],
        ["db"] = [new("[::1]:5432", ForwardKind.Local, new HeldForwardCounts(5, 2, 0, 1, [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.004))],
    });
}

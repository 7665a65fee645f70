using SshKeep.Daemon;

namespace SshKeep.Status;

internal static class StatusJson
{
    public static StatusReport Report(StatusSnapshot snapshot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new StatusReport(snapshot.Daemon, now, [.. snapshot.Tunnels.Select(t => new StatusReport.Tunnel(
            Name: t.Name,
            Destination: t.Destination,
            State: t.State,
            HeldRemotePort: t.HeldRemotePort,
            Since: t.Since,
            SinceSeconds: DurationText.WholeSeconds(now - t.Since, roundUp: false),
            UpSince: t.UpSince,
            UptimeSeconds: t.UpSince is { } up ? DurationText.WholeSeconds(now - up, roundUp: false) : null,
            Restarts: t.Restarts,
            Attempts: t.Attempts,
            Pid: t.Pid,
            LastExit: t.LastExit,
            LastRestartReason: t.LastRestartReason,
            LastError: t.LastError,
            LastErrorAt: t.LastErrorAt,
            LastErrorAgoSeconds: t.LastErrorAt is { } seen ? DurationText.WholeSeconds(now - seen, roundUp: false) : null,
            LastErrorPast: t.LastError is not null && t.ErrorIsPast,
            NextRetry: t.NextRetry,
            NextRetryInSeconds: t.NextRetry is { } next ? DurationText.WholeSeconds(next - now, roundUp: true) : null,
            Forwards: t.Forwards?.Select(f => new StatusReport.Forward(
                f.Listen, f.Kind, f.Counts.Accepted, f.Counts.Waiting, f.Counts.Open, f.Counts.Failed, f.Counts.WaitSum)).ToList()))]);
    }

    public static string Render(StatusSnapshot snapshot, DateTimeOffset now) =>
        Encoding.UTF8.GetString(DaemonJsonContext.ToUtf8(Report(snapshot, now), StatusReportJsonContext.Default.StatusReport, indented: true));
}

using SshKeep.Daemon;
using SshKeep.Forwarding;
using SshKeep.Supervision;

namespace SshKeep.Metrics;

/// <summary>The whole of <c>/metrics</c> (pure; docs/observability.md lists every family).</summary>
internal static class DaemonMetrics
{
    public static string Render(StatusSnapshot snapshot, RestartCounter restarts, ProbeDurations probes, ProcessSample process, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(restarts);
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(process);
        var tunnels = snapshot.Tunnels;
        var w = new PrometheusTextWriter();

        w.Family("sshkeep_tunnel_up", "gauge", "1 when the tunnel's ssh runs and has proved healthy, else 0.");
        foreach (var t in tunnels) w.Sample("sshkeep_tunnel_up", Tunnel(t), t.State == TunnelState.Up ? 1 : 0);

        w.Family("sshkeep_tunnel_state", "gauge", "The tunnel's state: 1 for the current one, 0 for the others.");
        foreach (var (t, state) in tunnels.SelectMany(t => Enum.GetValues<TunnelState>().Select(state => (t, state))))
            w.Sample("sshkeep_tunnel_state", [new("tunnel", t.Name), new("state", KebabName.Of(state))], t.State == state ? 1 : 0);

        w.Family("sshkeep_tunnel_restarts_total", "counter", "Restarts of a working tunnel (its ssh was up and ended, or a restart was asked while it ran), by reason.");
        foreach (var (t, (reason, count)) in tunnels.SelectMany(t => restarts.Read(t.Name).Select(r => (t, r))))
            w.Sample("sshkeep_tunnel_restarts_total", [new("tunnel", t.Name), new("reason", reason)], count);

        w.Family("sshkeep_tunnel_attempts_total", "counter", "ssh starts of the tunnel, the first and every retry (also of a tunnel that never came up).");
        foreach (var t in tunnels) w.Sample("sshkeep_tunnel_attempts_total", Tunnel(t), restarts.Attempts(t.Name));

        w.Family("sshkeep_tunnel_last_transition_timestamp_seconds", "gauge", "When the tunnel entered its current state, in seconds since the Unix epoch.");
        foreach (var t in tunnels) w.Sample("sshkeep_tunnel_last_transition_timestamp_seconds", Tunnel(t), UnixSeconds(t.Since));

        w.Family("sshkeep_backoff_seconds", "gauge", "Seconds until the tunnel's next ssh start while it waits; 0 when it is not waiting.");
        foreach (var t in tunnels)
            w.Sample("sshkeep_backoff_seconds", Tunnel(t), t.NextRetry is { } next && next > now ? (next - now).TotalSeconds : 0);

        w.Family("sshkeep_probe_duration_seconds", "histogram", "End-to-end probes through the tunnel's forwards, passed or failed, by how long they took.");
        foreach (var t in tunnels) Histogram(w, "sshkeep_probe_duration_seconds", Tunnel(t), probes.Read(t.Name));

        HeldForwards(w, tunnels);

        w.Single("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", process.ResidentBytes);
        w.Single("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", process.CpuSeconds);
        if (process.OpenFds is { } fds) w.Single("process_open_fds", "gauge", "Number of open file descriptors.", fds);
        w.Single("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.",
            process.StartTimeSeconds);

        w.Family("sshkeep_build_info", "gauge", "Always 1; the version of the running sshkeep is a label.");
        w.Sample("sshkeep_build_info", [new("version", snapshot.Daemon.Version)], 1);
        return w.ToString();
    }

    /// <summary>docs/held-ports.md, "Counts".</summary>
    private static void HeldForwards(PrometheusTextWriter w, IReadOnlyList<TunnelStatus> tunnels)
    {
        var held = tunnels.SelectMany(t => (t.Forwards ?? []).Select(f => (Labels: Forward(t, f), f.Counts))).ToList();
        w.Family("sshkeep_forward_clients_accepted_total", "counter", "Clients accepted on a port sshkeep holds.");
        foreach (var (labels, counts) in held) w.Sample("sshkeep_forward_clients_accepted_total", labels, counts.Accepted);
        w.Family("sshkeep_forward_clients_waiting", "gauge", "Clients accepted whose channel is not open yet, now.");
        foreach (var (labels, counts) in held) w.Sample("sshkeep_forward_clients_waiting", labels, counts.Waiting);
        w.Family("sshkeep_forward_connections_open", "gauge", "Clients whose connection a session carries now.");
        foreach (var (labels, counts) in held) w.Sample("sshkeep_forward_connections_open", labels, counts.Open);
        w.Family("sshkeep_forward_clients_failed_total", "counter",
            "Clients closed without a connection: no session within the hold time, the target could not be opened, a SOCKS request not served.");
        foreach (var (labels, counts) in held) w.Sample("sshkeep_forward_clients_failed_total", labels, counts.Failed);
        w.Family("sshkeep_forward_client_wait_seconds", "histogram",
            "How long each client a session carries waited for it, from accept to an open channel.");
        foreach (var (labels, counts) in held)
        {
            var waits = HistogramReading.Of(HeldForward.WaitBounds, counts.WaitBuckets, counts.WaitSum);
            Histogram(w, "sshkeep_forward_client_wait_seconds", labels, waits);
        }
    }

    private static void Histogram(PrometheusTextWriter w, string name, KeyValuePair<string, string>[] labels, HistogramReading reading)
    {
        foreach (var (bound, count) in reading.Buckets)
            w.Sample(name + "_bucket", [.. labels, new("le", PrometheusTextWriter.FormatValue(bound))], count);
        w.Sample(name + "_sum", labels, reading.Sum);
        w.Sample(name + "_count", labels, reading.Count);
    }

    private static KeyValuePair<string, string>[] Tunnel(TunnelStatus t) => [new("tunnel", t.Name)];

    private static KeyValuePair<string, string>[] Forward(TunnelStatus t, HeldForwardReading f) =>
        [new("tunnel", t.Name), new("forward", f.Listen), new("kind", KebabName.Of(f.Kind))];

    private static double UnixSeconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;
}

using SshKeep.Config;
using SshKeep.Forwarding;
using SshKeep.Health;
using SshKeep.Metrics;
using SshKeep.Supervision;
using SshKeep.Tests.Cli;
using SshKeep.Tests.Daemon;
using SshKeep.Tests.Supervision;

namespace SshKeep.Tests.Metrics;

/// <summary>/metrics from a known state, read back with the strict parser.</summary>
public sealed class DaemonMetricsTests
{
    private static readonly ProcessSample Process = new(50_000_000, 1.25, 17, 1_795_000_000.5);

    private static IReadOnlyDictionary<string, PrometheusFamily> Render(RestartCounter? restarts = null, ProbeDurations? probes = null) =>
        PrometheusText.Parse(DaemonMetrics.Render(StatusSamples.Answered, restarts ?? Counted(), probes ?? new ProbeDurations(), Process, StatusSamples.Now));

    private static RestartCounter Counted()
    {
        var counter = new RestartCounter();
        foreach (var status in StatusSamples.Snapshot.Tunnels) counter.Observe(Transitions.First(status));
        return counter;
    }

    [Fact]
    public void Every_family_has_its_type()
    {
        var families = Render();

        Assert.Equal("gauge", families["sshkeep_tunnel_up"].Type);
        Assert.Equal("gauge", families["sshkeep_tunnel_state"].Type);
        Assert.Equal("counter", families["sshkeep_tunnel_restarts_total"].Type);
        Assert.Equal("counter", families["sshkeep_tunnel_attempts_total"].Type);
        Assert.Equal("gauge", families["sshkeep_tunnel_last_transition_timestamp_seconds"].Type);
        Assert.Equal("histogram", families["sshkeep_probe_duration_seconds"].Type);
        Assert.Equal("gauge", families["sshkeep_backoff_seconds"].Type);
        Assert.Equal("counter", families["sshkeep_forward_clients_accepted_total"].Type);
        Assert.Equal("gauge", families["sshkeep_forward_clients_waiting"].Type);
        Assert.Equal("gauge", families["sshkeep_forward_connections_open"].Type);
        Assert.Equal("counter", families["sshkeep_forward_clients_failed_total"].Type);
        Assert.Equal("histogram", families["sshkeep_forward_client_wait_seconds"].Type);
        Assert.Equal("gauge", families["process_resident_memory_bytes"].Type);
        Assert.Equal("counter", families["process_cpu_seconds_total"].Type);
        Assert.Equal("gauge", families["process_open_fds"].Type);
        Assert.Equal("gauge", families["process_start_time_seconds"].Type);
        Assert.Equal("gauge", families["sshkeep_build_info"].Type);
    }

    [Fact]
    public void Up_and_state_follow_each_tunnel_with_exactly_one_state_set()
    {
        var families = Render();
        var tunnels = StatusSamples.Snapshot.Tunnels;

        foreach (var tunnel in tunnels)
        {
            Assert.Equal(tunnel.State == TunnelState.Up ? 1 : 0, families["sshkeep_tunnel_up"].Samples.Single(s => s.Has(("tunnel", tunnel.Name))).Value);
            var states = families["sshkeep_tunnel_state"].Samples.Where(s => s.Has(("tunnel", tunnel.Name))).ToList();
            Assert.Equal(Enum.GetValues<TunnelState>().Length, states.Count);
            Assert.Equal(KebabName.Of(tunnel.State), Assert.Single(states, s => s.Value == 1).Label("state"));
        }
    }

    [Fact]
    public void Every_reason_is_there_from_the_start_and_counts_what_the_snapshots_showed()
    {
        var families = Render();

        var metrics = families["sshkeep_tunnel_restarts_total"].Samples.Where(s => s.Has(("tunnel", "metrics"))).ToList();
        Assert.Equal(RestartReasons.All, metrics.Select(s => s.Label("reason")));
        // metrics: 2 restarts of the working tunnel, first seen all at once.
        Assert.Equal(2, metrics.Single(s => s.Has(("reason", "exited"))).Value);
        Assert.Equal(2, metrics.Sum(s => s.Value));
        Assert.All(families["sshkeep_tunnel_restarts_total"].Samples.Where(s => s.Has(("tunnel", "vault"))), s => Assert.Equal(0, s.Value));
    }

    [Fact]
    public void Retries_of_a_held_port_are_attempts_and_not_restarts()
    {
        var families = Render();

        // reverse-api: one outage, then 30 retries while the server held its port.
        Assert.Equal("counter", families["sshkeep_tunnel_attempts_total"].Type);
        Assert.Equal(31, families["sshkeep_tunnel_attempts_total"].Samples.Single(s => s.Has(("tunnel", "reverse-api"))).Value);
        Assert.Equal(1, families["sshkeep_tunnel_restarts_total"].Samples.Where(s => s.Has(("tunnel", "reverse-api"))).Sum(s => s.Value));
        Assert.Equal(3, families["sshkeep_tunnel_attempts_total"].Samples.Single(s => s.Has(("tunnel", "vault"))).Value);
    }

    [Fact]
    public void The_whole_page_is_locked_by_its_golden_file()
    {
        var probes = new ProbeDurations();
        var forward = new ForwardSpec(ForwardKind.Local, null, 8080, "localhost", 80);
        probes.Record("web", new ProbeResult(forward, true, TimeSpan.FromMilliseconds(3), null));

        var text = DaemonMetrics.Render(StatusSamples.Answered, Counted(), probes, Process, StatusSamples.Now);

        GoldenFile.AssertMatches(Golden(), text);
    }

    private static string Golden([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", "metrics.txt");

    [Fact]
    public void Backoff_is_the_time_left_and_zero_when_not_waiting()
    {
        var backoff = Render()["sshkeep_backoff_seconds"].Samples;

        Assert.Equal(4, backoff.Single(s => s.Has(("tunnel", "metrics"))).Value, 6);
        Assert.Equal(0, backoff.Single(s => s.Has(("tunnel", "web"))).Value);
    }

    [Fact]
    public void The_last_transition_is_the_state_start_in_unix_seconds()
    {
        var web = StatusSamples.Snapshot.Tunnels.Single(t => t.Name == "web");

        var value = Render()["sshkeep_tunnel_last_transition_timestamp_seconds"].Samples.Single(s => s.Has(("tunnel", "web"))).Value;

        Assert.Equal(web.Since.ToUnixTimeMilliseconds() / 1000.0, value, 3);
    }

    [Fact]
    public void Probe_durations_land_in_their_buckets_per_tunnel()
    {
        var probes = new ProbeDurations();
        var forward = new ForwardSpec(ForwardKind.Local, null, 8080, "localhost", 80);
        probes.Record("web", new ProbeResult(forward, true, TimeSpan.FromMilliseconds(0.7), null));
        probes.Record("web", new ProbeResult(forward, true, TimeSpan.FromMilliseconds(30), null));
        probes.Record("web", new ProbeResult(forward, false, TimeSpan.FromSeconds(3), "no answer within 3s"));

        var samples = Render(probes: probes)["sshkeep_probe_duration_seconds"].Samples.Where(s => s.Has(("tunnel", "web"))).ToList();

        Assert.Equal(1, samples.Single(s => s.Has(("le", "0.001"))).Value);
        Assert.Equal(1, samples.Single(s => s.Has(("le", "0.025"))).Value);
        Assert.Equal(2, samples.Single(s => s.Has(("le", "0.05"))).Value);
        Assert.Equal(2, samples.Single(s => s.Has(("le", "2.5"))).Value);
        Assert.Equal(3, samples.Single(s => s.Has(("le", "5"))).Value);
        Assert.Equal(3, samples.Single(s => s.Has(("le", "+Inf"))).Value);
        Assert.Equal(3.0307, samples.Single(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)).Value, 6);
        Assert.Equal(0, Render(probes: probes)["sshkeep_probe_duration_seconds"].Samples.Single(s => s.Has(("tunnel", "db")) && s.Name.EndsWith("_count", StringComparison.Ordinal)).Value);
    }

    [Theory]
    [InlineData("sshkeep_forward_clients_accepted_total", 42, 0, 5)]
    [InlineData("sshkeep_forward_clients_waiting", 0, 0, 2)]
    [InlineData("sshkeep_forward_connections_open", 1, 0, 0)]
    [InlineData("sshkeep_forward_clients_failed_total", 2, 0, 1)]
    public void Each_held_port_has_its_counts_by_tunnel_listen_address_and_kind(string family, double web8080, double web1080, double db)
    {
        var samples = Render()[family].Samples;

        Assert.Equal([web8080, web1080, db], samples.Select(s => s.Value));
        Assert.Equal(["web/127.0.0.1:8080/local", "web/1080/dynamic", "db/[::1]:5432/local"],
            samples.Select(s => $"{s.Label("tunnel")}/{s.Label("forward")}/{s.Label("kind")}"));
    }

    [Fact]
    public void Waits_of_a_held_port_are_cumulative_buckets_ending_at_inf_with_their_sum_and_count()
    {
        var web = Render()["sshkeep_forward_client_wait_seconds"].Samples
            .Where(s => s.Has(("tunnel", "web"), ("forward", "127.0.0.1:8080"))).ToList();
        var buckets = web.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToList();

        Assert.Equal([.. HeldForward.WaitBounds.Select(PrometheusTextWriter.FormatValue), "+Inf"], buckets.Select(s => s.Label("le")));
        Assert.Equal([31, 31, 31, 37, 37, 37, 37, 40, 40, 40, 40, 40, 40, 40], buckets.Select(s => s.Value));
        Assert.Equal(6.5, web.Single(s => s.Name.EndsWith("_sum", StringComparison.Ordinal)).Value);
        Assert.Equal(40, web.Single(s => s.Name.EndsWith("_count", StringComparison.Ordinal)).Value);
    }

    [Fact]
    public void With_no_port_held_the_forward_families_are_there_without_samples()
    {
        var text = DaemonMetrics.Render(StatusSamples.Snapshot, Counted(), new ProbeDurations(), Process, StatusSamples.Now);

        var families = PrometheusText.Parse(text);

        Assert.Empty(families["sshkeep_forward_clients_accepted_total"].Samples);
        Assert.Empty(families["sshkeep_forward_client_wait_seconds"].Samples);
    }

    [Fact]
    public void Process_metrics_and_build_info_are_written()
    {
        var families = Render();

        Assert.Equal(50_000_000, families["process_resident_memory_bytes"].Samples.Single().Value);
        Assert.Equal(1.25, families["process_cpu_seconds_total"].Samples.Single().Value);
        Assert.Equal(17, families["process_open_fds"].Samples.Single().Value);
        Assert.Equal(1_795_000_000.5, families["process_start_time_seconds"].Samples.Single().Value);
        Assert.Equal(StatusSamples.Daemon.Version, families["sshkeep_build_info"].Samples.Single().Label("version"));
    }

    [Fact]
    public void The_real_process_sample_reads_this_process()
    {
        var sample = ProcessSample.Current();

        Assert.True(sample.ResidentBytes > 1_000_000);
        Assert.True(sample.CpuSeconds > 0);
        Assert.True(sample.OpenFds > 3);
        Assert.InRange(sample.StartTimeSeconds, DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
    }
}

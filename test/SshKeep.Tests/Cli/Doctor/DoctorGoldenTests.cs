using SshKeep.Cli.Doctor;
using SshKeep.Config;
using SshKeep.Ssh;

namespace SshKeep.Tests.Cli.Doctor;

/// <summary>
/// What `sshkeep doctor` prints for a healthy and an unhealthy setup, from a
/// described machine (<see cref="FakeDoctorSystem"/>). Update with SSHKEEP_UPDATE_GOLDEN=1 and
/// review the diff.
/// </summary>
public sealed class DoctorGoldenTests
{
    private const uint User = 1000;
    private static readonly FileFacts PrivateKey = new(true, User, Convert.ToUInt32("600", 8));

    [Fact]
    public async Task A_healthy_setup_passes_every_check_and_exits_0()
    {
        var system = new FakeDoctorSystem();
        system.Files["/home/u/.ssh/db_ed25519"] = PrivateKey;
        system.Files["/home/u/.ssh/id_ed25519"] = PrivateKey;
        system.KnownHostsFiles["/home/u/.ssh/known_hosts"] = ["bastion.example.com"];
        system.KnownHostsFiles["/etc/ssh/ssh_known_hosts"] = ["[edge.example.com]:2222"];
        system.Connects["bastion.example.com:22"] = null;
        system.Connects["edge.example.com:2222"] = null;

        var report = await Examine("""
            defaults:
              health: { server_alive_interval: 15, server_alive_count_max: 4 }
            tunnels:
              db:
                destination: deploy@bastion.example.com
                identity_file: ~/.ssh/db_ed25519
                forwards: [ { local: "127.0.0.1:15432:db.internal:5432" } ]
              back:
                destination: edge
                port: 2222
                forwards: [ { remote: "127.0.0.1:8080:localhost:80" } ]
            """, system, ("edge", ["HostName edge.example.com", "User deploy"]));

        GoldenFile.AssertMatches(Golden("doctor-healthy.txt"), DoctorReportText.Render(report));
        Assert.Equal(0, report.ExitCode);
    }

    [Fact]
    public async Task An_unhealthy_setup_says_what_is_wrong_and_how_to_fix_it_and_exits_1()
    {
        var system = new FakeDoctorSystem();
        system.Kernel["tcp_keepalive_probes"] = null;
        system.Versions["/opt/old/bin/ssh"] = new CommandOutput(0, "", "OpenSSH_6.6.1p1, OpenSSL 1.0.1f 6 Jan 2014\n");
        system.FailingConfig["/opt/old/bin/ssh"] = new CommandOutput(255, "", "unknown option -- G\nusage: ssh [-1246AaCfgKkMNnqsTtVvXxYy] …\n");
        system.Files["/home/u/.ssh/db_key"] = PrivateKey with { Permissions = Convert.ToUInt32("644", 8) };
        system.Files["/srv/keys/web"] = PrivateKey with { OwnerUid = 0 };
        system.KnownHostsFiles["/home/u/.ssh/known_hosts"] = ["bastion.example.com", "gw.example.com"];
        system.Connects["web.example.com:22"] = "did not answer within 3 s";
        system.Connects["gw.example.com:2200"] = null;

        var report = await Examine("""
            tunnels:
              db:
                destination: deploy@db.example.com
                identity_file: ~/.ssh/db_key
                forwards: [ { local: "127.0.0.1:15432:localhost:5432" } ]
              web:
                destination: deploy@web.example.com
                identity_file: /srv/keys/web
                health: { server_alive_interval: 120, server_alive_count_max: 5 }
                ssh_options: { StrictHostKeyChecking: accept-new }
                forwards: [ { remote: "8080:localhost:80" } ]
              inner:
                destination: admin@inner.internal
                identity_file: ~/.ssh/gone
                ssh_options: { ProxyJump: "jump@gw.example.com:2200" }
                forwards: [ { dynamic: 1080 } ]
              insecure:
                destination: lab
                ssh_options: { StrictHostKeyChecking: "no" }
                forwards: [ { local: "9000:localhost:9000" } ]
              legacy:
                destination: old.example.com
                ssh_path: /opt/old/bin/ssh
                forwards: [ { local: "9001:localhost:9001" } ]
            """, system, ("lab", ["ProxyCommand nc -X 5 -x proxy:1080 %h %p"]));

        GoldenFile.AssertMatches(Golden("doctor-unhealthy.txt"), DoctorReportText.Render(report));
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public async Task Each_server_of_a_failover_tunnel_is_checked_on_its_own()
    {
        var system = new FakeDoctorSystem();
        system.Files["/home/u/.ssh/id_ed25519"] = PrivateKey;
        system.KnownHostsFiles["/home/u/.ssh/known_hosts"] = ["primary.example.com"];
        system.Connects["primary.example.com:22"] = null;
        system.Connects["spare.example.com:22"] = "did not answer within 3 s";
        var config = Config("tunnels:\n  db:\n    destination: [ deploy@primary.example.com, deploy@spare.example.com ]\n"
            + "    forwards: [ { local: \"127.0.0.1:15432:localhost:5432\" } ]\n");

        var report = await new DoctorExamination(system).ExamineAsync(config, CancellationToken.None);

        GoldenFile.AssertMatches(Golden("doctor-failover.txt"), DoctorReportText.Render(report));
        Assert.Equal(1, report.ExitCode);
        Assert.Equal([["-G", .. TunnelSshArguments.Build(config.Tunnels[0], destination: "deploy@primary.example.com")],
            ["-G", .. TunnelSshArguments.Build(config.Tunnels[0], destination: "deploy@spare.example.com")]], system.ConfigCalls);
    }

    [Fact]
    public async Task Ssh_is_asked_with_exactly_the_arguments_the_daemon_passes()
    {
        var system = new FakeDoctorSystem();
        var config = Config("tunnels:\n  db: { destination: d@h, port: 2222, forwards: [ { local: \"8080:x:80\" } ] }\n");

        await new DoctorExamination(system).ExamineAsync(config, CancellationToken.None);

        Assert.Equal(["-G", .. TunnelSshArguments.Build(config.Tunnels[0])], Assert.Single(system.ConfigCalls));
    }

    [Fact]
    public async Task Without_a_tunnels_file_the_machine_is_checked_and_the_missing_file_is_a_warning()
    {
        var report = await new DoctorExamination(new FakeDoctorSystem())
            .ExamineWithoutConfigAsync("/home/u/.config/sshkeep/tunnels.yaml", "the default", CancellationToken.None);

        GoldenFile.AssertMatches(Golden("doctor-no-file.txt"), DoctorReportText.Render(report));
        Assert.Equal(ExitCodes.Failure, report.ExitCode);
    }

    [Fact]
    public async Task Only_warnings_and_failures_count_for_the_exit_status()
    {
        var system = new FakeDoctorSystem();
        system.Files["/home/u/.ssh/id_ed25519"] = PrivateKey;
        system.KnownHostsFiles["/home/u/.ssh/known_hosts"] = ["h"];
        system.Connects["h:22"] = null;

        var report = await Examine("tunnels:\n  r: { destination: h, forwards: [ { remote: \"8080:x:80\" } ] }\n", system);

        Assert.Contains(report.Checks, c => c.Verdict == DoctorVerdict.Info);
        Assert.Equal(0, report.ExitCode);
    }

    private static async Task<DoctorReport> Examine(string yaml, FakeDoctorSystem system, params (string Host, string[] Lines)[] sshConfig)
    {
        foreach (var (host, lines) in sshConfig) system.SshConfig[host] = lines;
        return await new DoctorExamination(system).ExamineAsync(Config(yaml), CancellationToken.None);
    }

    private static SshKeepConfig Config(string yaml) =>
        Assert.IsType<ConfigLoadResult.Valid>(ConfigLoader.Parse(yaml, "tunnels.yaml", "/home/u")).Config;

    private static string Golden(string name, [System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Golden", name);
}

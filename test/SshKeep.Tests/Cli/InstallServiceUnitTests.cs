using System.Runtime.CompilerServices;
using SshKeep.Cli;

namespace SshKeep.Tests.Cli;

/// <summary>The unit text, locked by golden files (design.md §10: what users see).</summary>
public sealed class InstallServiceUnitTests
{
    /// <summary>A typical machine: sshkeep installed in /usr/local/bin, run by alice under sudo.</summary>
    internal static readonly InstallServiceHost Alice = new()
    {
        SshkeepCommand = ["/usr/local/bin/sshkeep"],
        UserName = "alice",
        Home = "/home/alice",
        CurrentDirectory = "/home/alice/work",
        AccountExists = name => name is "alice" or "root" or "sshkeep",
        Systemctl = _ => throw new InvalidOperationException("a test must not run the real systemctl"),
    };

    internal static string GoldenPath(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", name);

    [Fact]
    public void System_unit_matches_its_golden_file()
    {
        var plan = InstallServicePlan.Make(new InstallServiceOptions(), Alice with { UserName = "root", Home = "/root", SudoUser = "alice" });

        GoldenFile.AssertMatches(GoldenPath("sshkeep.service"), plan.Unit!.Render());
    }

    [Fact]
    public void User_unit_matches_its_golden_file()
    {
        var plan = InstallServicePlan.Make(new InstallServiceOptions { User = true }, Alice);

        GoldenFile.AssertMatches(GoldenPath("sshkeep-user.service"), plan.Unit!.Render());
    }

    [Theory]
    [InlineData(false, "Type=notify")]
    [InlineData(false, "NotifyAccess=main")]
    [InlineData(false, "ExecReload=/bin/kill -HUP $MAINPID")]
    [InlineData(false, "Restart=on-failure")]
    [InlineData(false, "RestartSec=2")]
    [InlineData(false, "WatchdogSec=30")]
    [InlineData(false, "KillMode=mixed")]
    [InlineData(false, "StartLimitIntervalSec=0")]
    [InlineData(false, "Wants=network-online.target")]
    [InlineData(false, "After=network-online.target")]
    [InlineData(false, "ProtectSystem=strict")]
    [InlineData(false, "ProtectHome=read-only")]
    [InlineData(false, "PrivateTmp=yes")]
    [InlineData(false, "RuntimeDirectory=sshkeep-service/tunnels-5d7124913a83")]
    [InlineData(false, "ExecStart=/usr/local/bin/sshkeep up -c /etc/sshkeep/tunnels.yaml --run-dir /run/sshkeep-service/tunnels-5d7124913a83")]
    [InlineData(false, "User=alice")]
    [InlineData(false, "WantedBy=multi-user.target")]
    [InlineData(true, "Type=notify")]
    [InlineData(true, "KillMode=mixed")]
    [InlineData(true, "NoNewPrivileges=yes")]
    [InlineData(true, "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK")]
    [InlineData(true, "WantedBy=default.target")]
    public void The_unit_has_the_settings_the_daemon_relies_on(bool user, string line)
    {
        var plan = InstallServicePlan.Make(new InstallServiceOptions { User = user }, Alice);

        Assert.Contains(line, plan.Unit!.Render().Split('\n'));
    }

    [Theory]
    // a user manager cannot wait for system targets, has no User=, and mount-namespace
    // sandboxing needs unprivileged user namespaces there (and PrivateTmp would hide /tmp agents)
    [InlineData("Wants=")]
    [InlineData("After=")]
    [InlineData("User=")]
    [InlineData("ProtectSystem=")]
    [InlineData("ProtectHome=")]
    [InlineData("PrivateTmp=")]
    [InlineData("PrivateDevices=")]
    [InlineData("RuntimeDirectory=")]
    [InlineData("CapabilityBoundingSet=")]
    public void The_user_unit_leaves_out_what_a_user_manager_cannot_do(string prefix)
    {
        var plan = InstallServicePlan.Make(new InstallServiceOptions { User = true }, Alice);

        Assert.DoesNotContain(plan.Unit!.Render().Split('\n'), l => l.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_setting_has_a_comment_above_it_or_its_group(bool user)
    {
        var lines = InstallServicePlan.Make(new InstallServiceOptions { User = user }, Alice).Unit!.Render().Split('\n');

        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i][0] is '#' or '[') continue;
            // Wants=/After= share one comment; so do Description=/Documentation= (they explain themselves).
            string key = lines[i][..lines[i].IndexOf('=', StringComparison.Ordinal)];
            if (key is "After" or "Description" or "Documentation") continue;
            Assert.True(lines[i - 1].StartsWith('#'), $"no comment above line {i + 1}: {lines[i]}");
        }
    }

    [Theory]
    [InlineData(5, 30)]
    [InlineData(10, 35)]
    [InlineData(0, 30)]
    [InlineData(30.5, 56)]
    public void Stop_timeout_leaves_room_after_the_stop_grace(double grace, double expected)
    {
        Assert.Equal(TimeSpan.FromSeconds(expected), InstallServiceUnit.StopTimeout(TimeSpan.FromSeconds(grace)));
    }

    [Fact]
    public void Watchdog_and_stop_grace_appear_in_the_unit_and_its_comments()
    {
        var spec = InstallServicePlan.Make(new InstallServiceOptions(), Alice).Unit! with
        {
            Watchdog = TimeSpan.FromSeconds(60),
            StopGrace = TimeSpan.FromSeconds(10),
        };

        string unit = spec.Render();

        Assert.Contains("WatchdogSec=60\n", unit, StringComparison.Ordinal);
        Assert.Contains("within about 1m30s.", unit, StringComparison.Ordinal);
        Assert.Contains("SIGKILL after 10s)", unit, StringComparison.Ordinal);
        Assert.Contains("TimeoutStopSec=35\n", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_with_spaces_and_specifier_characters_are_quoted_and_escaped()
    {
        var spec = InstallServicePlan.Make(new InstallServiceOptions { ConfigPath = "/srv/my tunnels/100%.yaml" },
            Alice with { SshkeepCommand = ["/usr/bin/dotnet", "/opt/ssh keep/sshkeep.dll"] }).Unit!;

        var lines = spec.Render().Split('\n');

        Assert.Contains(lines, l => l.StartsWith("ExecStart=/usr/bin/dotnet \"/opt/ssh keep/sshkeep.dll\" up -c \"/srv/my tunnels/100%%.yaml\" --run-dir /run/sshkeep-service/100_-", StringComparison.Ordinal));
        Assert.Contains("Description=sshkeep: SSH tunnels from /srv/my tunnels/100%%.yaml", lines);
    }
}

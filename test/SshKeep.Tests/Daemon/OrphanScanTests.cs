using SshKeep.Daemon;
using SshKeep.Tests.Health;

namespace SshKeep.Tests.Daemon;

/// <summary>
/// Which processes a starting daemon ends as ssh left behind by its killed predecessor
/// (<see cref="OrphanRule"/>, read through <see cref="OrphanSweep"/> from a fake /proc): only an
/// ssh of the same uid whose environment names this very instance.
/// </summary>
public sealed class OrphanScanTests
{
    private const uint Uid = 1000;
    private const int Self = 777;
    private const int Pid = 4242;
    private const string Instance = "/run/user/1000/sshkeep/lock-tunnels-3414e9b2bea6";
    private const string Ours = OrphanRule.InstanceVariable + "=" + Instance;

    public static TheoryData<string, uint, uint, string[], string, string?, char, int, bool> Table => new()
    {
        // case,                                       real, eff,  environ,                                                   argv[0],          exe,                        state, pgid, ours
        { "the old run's ssh",                         Uid, Uid, [Ours, "SSHKEEP_TUNNEL=web"],                              "ssh",            "/usr/bin/ssh",             'S', Pid,  true },
        { "ssh of another user",                       1001, 1001, [Ours, "SSHKEEP_TUNNEL=web"],                            "ssh",            "/usr/bin/ssh",             'S', Pid,  false },
        { "ssh whose effective uid is another",        Uid, 0,   [Ours],                                                     "ssh",            "/usr/bin/ssh",             'S', Pid,  false },
        { "ssh of another config file",                Uid, Uid, [OrphanRule.InstanceVariable + "=/run/user/1000/sshkeep/lock-other-0123456789ab"], "ssh", "/usr/bin/ssh",  'S', Pid,  false },
        { "ssh of the same config in another run dir", Uid, Uid, [OrphanRule.InstanceVariable + "=/tmp/run/lock-tunnels-3414e9b2bea6"], "ssh", "/usr/bin/ssh",      'S', Pid,  false },
        { "a marker that only starts like ours",       Uid, Uid, [Ours + "x"],                                               "ssh",            "/usr/bin/ssh",             'S', Pid,  false },
        { "the user's own interactive ssh",            Uid, Uid, ["HOME=/home/u", "SSHKEEP_TUNNEL=web"],                     "ssh",            "/usr/bin/ssh",             'S', Pid,  false },
        { "a ProxyCommand that inherited the marker",  Uid, Uid, [Ours, "SSHKEEP_TUNNEL=web"],                              "/bin/sh",        "/usr/bin/dash",            'S', Pid,  false },
        { "a look-alike named ssh-agent",              Uid, Uid, [Ours],                                                     "ssh-agent",      "/usr/bin/ssh-agent",       'S', Pid,  false },
        { "ssh whose exe cannot be read",              Uid, Uid, [Ours, "SSHKEEP_TUNNEL=db"],                               "/usr/bin/ssh",   null,                       'S', Pid,  true },
        { "ssh upgraded under it, renamed argv[0]",    Uid, Uid, [Ours],                                                     "tunnel-web",     "/usr/bin/ssh (deleted)",   'S', Pid,  true },
        { "a zombie (dead already)",                   Uid, Uid, [Ours],                                                     "ssh",            "/usr/bin/ssh",             'Z', Pid,  false },
        { "the ProxyJump ssh in its parent's group",   Uid, Uid, [Ours, "SSHKEEP_TUNNEL=back"],                             "ssh",            "/usr/bin/ssh",             'S', 4000, true },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Only_an_ssh_of_the_same_uid_marked_with_this_instance_is_an_orphan(
        string @case, uint realUid, uint effectiveUid, string[] environ, string argv0, string? exe, char state, int processGroup, bool ours)
    {
        using var proc = new FakeProcTree();
        proc.Stat(Pid, "ssh", state, processGroup).Status(Pid, realUid, effectiveUid).Environ(Pid, environ)
            .Command(Pid, "ssh", argv0, "-N", "-T", "-L", "8080:127.0.0.1:80", "db.example");
        if (exe is not null) proc.Exe(Pid, exe);

        var found = OrphanSweep.Find(Self, Uid, Instance, OrphanRule.SshNames(["ssh"]), proc.Root);

        Assert.True(ours == (found.Count == 1), @case);
        if (!ours) return;
        var orphan = found[0];
        Assert.Equal(Pid, orphan.Pid);
        Assert.Equal(processGroup == Pid, orphan.LeadsGroup);
        var tunnel = environ.FirstOrDefault(e => e.StartsWith(OrphanRule.TunnelVariable + "=", StringComparison.Ordinal))?.Split('=', 2)[1];
        Assert.Equal(tunnel, orphan.Tunnel);
    }

    [Fact]
    public void The_daemon_itself_is_never_an_orphan()
    {
        using var proc = new FakeProcTree();
        proc.Stat(Self, "ssh", 'S', Self).Status(Self, Uid, Uid).Environ(Self, Ours).Command(Self, "ssh", "ssh").Exe(Self, "/usr/bin/ssh");

        Assert.Empty(OrphanSweep.Find(Self, Uid, Instance, OrphanRule.SshNames(["ssh"]), proc.Root));
    }

    [Fact]
    public void A_configured_ssh_path_names_the_program_that_counts_as_ssh()
    {
        using var proc = new FakeProcTree();
        proc.Stat(Pid, "my-ssh", 'S', Pid).Status(Pid, Uid, Uid).Environ(Pid, Ours).Command(Pid, "my-ssh", "/opt/bin/my-ssh", "-N").Exe(Pid, "/opt/bin/my-ssh");

        Assert.Single(OrphanSweep.Find(Self, Uid, Instance, OrphanRule.SshNames(["/opt/bin/my-ssh"]), proc.Root));
        Assert.Empty(OrphanSweep.Find(Self, Uid, Instance, OrphanRule.SshNames(["ssh"]), proc.Root));
    }

    [Fact]
    public void A_process_that_vanished_halfway_through_the_reading_is_not_an_orphan()
    {
        using var proc = new FakeProcTree();
        proc.Stat(Pid, "ssh", 'S', Pid).Status(Pid, Uid, Uid).Command(Pid, "ssh", "ssh"); // no environ: gone meanwhile

        Assert.Empty(OrphanSweep.Find(Self, Uid, Instance, OrphanRule.SshNames(["ssh"]), proc.Root));
    }
}

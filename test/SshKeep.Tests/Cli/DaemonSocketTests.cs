using SshKeep.Cli;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Cli;

/// <summary>
/// When the CLI believes a daemon of another account (the --account of a system unit): only in a
/// run directory whose parent only root could have made, as systemd's RuntimeDirectory= does
/// (docs/security.md). Anywhere else a daemon must run as us or as root.
/// </summary>
public sealed class DaemonSocketTests : IDisposable
{
    private const UnixFileMode Mode0755 = (UnixFileMode)0x1ED;
    private const UnixFileMode Mode0700 = (UnixFileMode)0x1C0;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Service(UnixFileMode parentMode, string? parentOwner = null)
    {
        string parent = _temp.File("sshkeep-service");
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, parentMode);
        if (parentOwner is not null) Run.SuccessfullyAsync("chown", [parentOwner, parent]).GetAwaiter().GetResult();
        string service = Path.Combine(parent, "tunnels-0123456789ab");
        Directory.CreateDirectory(service);
        File.SetUnixFileMode(service, Mode0700);
        Run.SuccessfullyAsync("chown", ["65534:65534", service]).GetAwaiter().GetResult();
        return service;
    }

    [RootFact]
    public void A_service_directory_in_a_root_owned_parent_names_its_owner_as_the_daemons_account()
    {
        Assert.Equal(65534u, DaemonSocket.ServiceAccount(Service(Mode0755)));
    }

    [RootFact]
    public void A_parent_others_can_write_is_not_trusted()
    {
        Assert.Null(DaemonSocket.ServiceAccount(Service((UnixFileMode)0x1FF /* 0777 */)));
    }

    [RootFact]
    public void A_parent_not_owned_by_root_is_not_trusted()
    {
        Assert.Null(DaemonSocket.ServiceAccount(Service(Mode0755, "65534")));
    }

    [RootFact]
    public void A_symbolic_link_in_place_of_the_service_directory_is_not_trusted()
    {
        string service = Service(Mode0755);
        string elsewhere = _temp.File("elsewhere");
        Directory.Move(service, elsewhere);
        File.CreateSymbolicLink(service, elsewhere);

        Assert.Null(DaemonSocket.ServiceAccount(service));
    }
}

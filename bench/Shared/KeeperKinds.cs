namespace SshKeep.Bench;

/// <summary>Names of <see cref="KeeperKind"/> on the command line and in the report.</summary>
internal static class KeeperKinds
{
    public const string Accepted = "autossh, compat, daemon";

    public static IReadOnlyList<KeeperKind> All { get; } = [KeeperKind.Autossh, KeeperKind.Compat, KeeperKind.Daemon];

    public static string Id(this KeeperKind kind) => kind switch
    {
        KeeperKind.Autossh => "autossh",
        KeeperKind.Compat => "compat",
        _ => "daemon",
    };

    public static string Label(this KeeperKind kind) => kind switch
    {
        KeeperKind.Autossh => "autossh 1.4g",
        KeeperKind.Compat => "sshkeep compat",
        _ => "sshkeep daemon",
    };

    public static KeeperKind? Parse(string id) => All.Cast<KeeperKind?>().FirstOrDefault(k => k!.Value.Id() == id);
}

namespace SshKeep.Bench;

/// <summary>What every side-by-side benchmark's command line sets (<see cref="OptionReader.TryCommon"/> reads it).</summary>
internal abstract record SideBySideOptions
{
    public int Reps { get; init; } = 3;

    public IReadOnlyList<KeeperKind> Keepers { get; init; } = KeeperKinds.All;

    /// <summary>Where the report and the per-trial logs go.</summary>
    public string OutputDirectory { get; init; } = "";

    /// <summary>The sshkeep executable measured in compat and daemon mode.</summary>
    public string SshkeepPath { get; init; } = "";

    public string AutosshPath { get; init; } = "/usr/bin/autossh";

    /// <summary>The program a keeper runs: autossh's, or sshkeep for compat and the daemon.</summary>
    public string ProgramOf(KeeperKind keeper) => keeper == KeeperKind.Autossh ? AutosshPath : SshkeepPath;
}

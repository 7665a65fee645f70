namespace SshKeep.Cli;

/// <summary>Everything the unit text depends on, resolved: the input of <see cref="InstallServiceUnit.Render"/>.</summary>
internal sealed record InstallServiceSpec
{
    /// <summary>A unit for the user's manager (no User=, no mount-namespace sandboxing).</summary>
    public required bool UserUnit { get; init; }

    /// <summary>The command that runs sshkeep (executable first).</summary>
    public required IReadOnlyList<string> SshkeepCommand { get; init; }

    /// <summary>The tunnels file, absolute.</summary>
    public required string ConfigPath { get; init; }

    public string UnitName { get; init; } = InstallServiceUnit.DefaultName;

    /// <summary>A system unit's run directory (--run-dir, made by systemd for User=); null for a user unit.</summary>
    public string? RunDirectory { get; init; }

    /// <summary>User= of a system unit.</summary>
    public string? RunAs { get; init; }

    /// <summary>What sshkeep gives each ssh between SIGTERM and SIGKILL when stopping.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A unit the package ships (<see cref="PackagedUnits"/>): its header says how to override it, and it
    /// lacks <see cref="InstallServiceUnit.WrittenBy"/>, so uninstall-service never removes it.</summary>
    public bool Packaged { get; init; }

    public TimeSpan Watchdog { get; init; } = TimeSpan.FromSeconds(30);
}

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

    /// <summary>The unit's file name, one per config file (<see cref="InstallServiceUnit.NameFor"/>).</summary>
    public string UnitName { get; init; } = InstallServiceUnit.DefaultName;

    /// <summary>A system unit's run directory, given to the daemon as --run-dir and made by
    /// systemd (RuntimeDirectory=) for User=; null for a user unit (it uses $XDG_RUNTIME_DIR).</summary>
    public string? RunDirectory { get; init; }

    /// <summary>User= of a system unit; ignored for a user unit.</summary>
    public string? RunAs { get; init; }

    /// <summary>What sshkeep gives each ssh between SIGTERM and SIGKILL when stopping.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A unit the sshkeep package ships in /usr/lib/systemd/system (<see cref="PackagedUnits"/>)
    /// instead of one install-service writes: its header says how to use and override it, and it
    /// lacks <see cref="InstallServiceUnit.WrittenBy"/>, so uninstall-service never removes it. A
    /// template (<c>NAME@.service</c>) may use systemd's <c>%i</c> in its config path and run directory.</summary>
    public bool Packaged { get; init; }

    /// <summary>WatchdogSec=.</summary>
    public TimeSpan Watchdog { get; init; } = TimeSpan.FromSeconds(30);
}

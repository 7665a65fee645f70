namespace SshKeep.Cli;

/// <summary><c>sshkeep install-service [--user] [--write] [-c FILE] [--account NAME]</c>, as parsed by the CLI.</summary>
internal sealed record InstallServiceOptions
{
    /// <summary>--user: a unit for the user's own systemd manager
    /// (<c>~/.config/systemd/user/sshkeep.service</c>) instead of a system unit
    /// (<c>/etc/systemd/system/sshkeep.service</c>).</summary>
    public bool User { get; init; }

    /// <summary>--write: write the unit file (atomically) instead of printing it on stdout.</summary>
    public bool Write { get; init; }

    /// <summary>-c FILE: the tunnels file the service runs; default
    /// <c>$XDG_CONFIG_HOME/sshkeep/tunnels.yaml</c> for --user, <c>/etc/sshkeep/tunnels.yaml</c>
    /// otherwise. Made absolute, since the service does not start in this directory.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>--account NAME (system unit only): run ssh as this dedicated account instead of
    /// the invoking user (SUDO_USER under sudo).</summary>
    public string? Account { get; init; }
}

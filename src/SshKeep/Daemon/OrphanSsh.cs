namespace SshKeep.Daemon;

/// <summary>An ssh left running by an earlier daemon of this instance (<see cref="OrphanRule"/>).</summary>
/// <param name="Pid">The ssh process.</param>
/// <param name="ProcessGroup">Its process group: its own pid when the daemon started it (ssh leads a group of its own).</param>
/// <param name="Tunnel">The tunnel it served, from its environment; null when it carries none.</param>
internal sealed record OrphanSsh(int Pid, int ProcessGroup, string? Tunnel)
{
    /// <summary>True when the ssh leads its own group, so the group (ssh and its ProxyCommand) is what is ended.</summary>
    public bool LeadsGroup => Pid == ProcessGroup;
}

namespace SshKeep.Bench.Faults;

internal enum SshChildEventKind
{
    Started,
    Exited,
    Reaped,
}

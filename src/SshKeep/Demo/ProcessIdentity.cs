namespace SshKeep.Demo;

/// <summary>A process as (pid, start time in clock ticks since boot). Pids are reused; the pair is not, so a
/// fixture that remembers a session and signals it later cannot hit an unrelated process.</summary>
internal readonly record struct ProcessIdentity(int Pid, ulong StartTicks);

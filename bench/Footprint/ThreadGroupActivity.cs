namespace SshKeep.Bench.Footprint;

/// <summary>The threads of one name (".NET TP Worker", "ssh stderr", …) over the idle window.</summary>
internal sealed record ThreadGroupActivity(string Name, int Threads, double WakeupsPerSecond, double PreemptionsPerSecond,
    double CpuPercentOfOneCore);

using System.Globalization;

namespace SshKeep.Bench.Footprint;

/// <summary>
/// The whole machine's CPU counters (the "cpu" line of /proc/stat), to say how busy the machine
/// was during a window: a keeper's idle-CPU figure taken while other programs keep every core
/// busy is inflated (cache misses, migrations, timer slack) and must be re-run on a quiet machine.
/// </summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal …; idle and iowait are the idle ones.
        var total = values.Take(8).Sum();
        var idle = values[3] + values[4];
        return new MachineCpu(total - idle, total);
    }

    /// <summary>Percentage of all cores that were busy between <paramref name="before"/> and this sample.</summary>
    public double BusyPercentSince(MachineCpu before) =>
        Total == before.Total ? 0 : 100.0 * (Busy - before.Busy) / (Total - before.Total);
}

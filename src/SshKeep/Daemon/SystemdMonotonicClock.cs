using System.Runtime.InteropServices;

namespace SshKeep.Daemon;

/// <summary>
/// CLOCK_MONOTONIC in microseconds, the clock of sd_notify's <c>MONOTONIC_USEC=</c>. Read with
/// clock_gettime(2) itself rather than Stopwatch: systemd compares the value with its own reading
/// of that exact clock, and which clock the runtime uses behind Stopwatch is not a documented
/// promise. Not a TimeProvider: this is a wire value for another process, not our notion of time.
/// </summary>
internal static unsafe partial class SystemdMonotonicClock
{
    private const int ClockMonotonic = 1; // <linux/time.h>

    public static long Microseconds()
    {
        // struct timespec on 64-bit Linux: two longs (tv_sec, tv_nsec).
        long* timespec = stackalloc long[2];
        if (clock_gettime(ClockMonotonic, timespec) != 0) return 0;
        return (timespec[0] * 1_000_000) + (timespec[1] / 1_000);
    }

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clockId, long* timespec);
}

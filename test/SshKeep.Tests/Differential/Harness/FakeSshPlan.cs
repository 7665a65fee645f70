using System.Globalization;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>
/// What the fake ssh does on each run (see the header of <c>fake-ssh-recorder</c>): one word per
/// run, the last word repeats. Built with the helpers so cases read like the spec's tables.
/// </summary>
public sealed record FakeSshPlan(IReadOnlyList<string> Words)
{
    public static FakeSshPlan Exit(int status) => new([$"exit:{status}"]);

    public static FakeSshPlan Hang { get; } = new(["hang"]);

    /// <summary>Lives until SIGTERM and then exits 0, like OpenSSH 9's <c>ssh -N</c> (R62).</summary>
    public static FakeSshPlan HangExit0OnTerm { get; } = new(["hang0"]);

    public static FakeSshPlan Runs(params string[] words) => new(words);

    public static string ExitWord(int status) => $"exit:{status}";

    public static string SleepThenExit(double seconds, int status) =>
        $"sleep:{seconds.ToString(CultureInfo.InvariantCulture)}:{status}";

    public static string KillSelf(int signal) => $"kill:{signal}";

    public static string SleepThenKillSelf(double seconds, int signal) =>
        $"sleepkill:{seconds.ToString(CultureInfo.InvariantCulture)}:{signal}";

    /// <summary>Live until the given milliseconds into the wall-clock second after the start's one, then exit.</summary>
    public static string ExitInNextSecondAt(int milliseconds, int status) => $"exitinsecond:{milliseconds}:{status}";

    /// <summary>Exit with the status while the uptime is before the given lifetime end, hang from then on.
    /// The end is filled in at launch (see <see cref="LifetimeEndPlaceholder"/>).</summary>
    public static string ExitUntilLifetimeEndThenHang(int status, int lifetimeSeconds) =>
        $"hangafter:{{lifetime-end:{lifetimeSeconds}}}:{status}";

    public const string LifetimeEndPlaceholder = "{lifetime-end:";

    public override string ToString() => string.Join(' ', Words);
}

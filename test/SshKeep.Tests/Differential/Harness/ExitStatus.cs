using System.Globalization;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>
/// How a keeper ended: an exit code, or "killed by signal N". .NET reports a process killed by
/// a signal as exit code 128+N; autossh's own codes are only 0 and 1 (R90), so codes above 128
/// are read as signals.
/// </summary>
public readonly record struct ExitStatus(int? Code, int? Signal)
{
    public static ExitStatus Exited(int code) => new(code, null);

    public static ExitStatus KilledBy(int signal) => new(null, signal);

    public static ExitStatus FromProcessExitCode(int code) => code > 128 && code < 160 ? KilledBy(code - 128) : Exited(code);

    public override string ToString() => Signal is { } s
        ? "killed by " + Sig.Name(s)
        : "exit " + Code!.Value.ToString(CultureInfo.InvariantCulture);
}

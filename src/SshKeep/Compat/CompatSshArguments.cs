using System.Globalization;

namespace SshKeep.Compat;

/// <summary>
/// ssh's arguments in compatibility mode (R15–R20): the monitor forwards, then the user's
/// arguments in getopt's permuted order, without what belongs to autossh (<see cref="GnuGetopt"/> drops it).
/// </summary>
internal static class CompatSshArguments
{
    /// <summary>autossh 1.4g always forwards to, and tests on, this host (R15; no AUTOSSH_MHOST in the Debian binary).</summary>
    public const string ForwardHost = "127.0.0.1";

    public static IReadOnlyList<string> Build(MonitorSpec monitor, GetoptOutcome.Parsed parsed)
    {
        var result = new List<string>();

        // R15 (Debian placement): right after the program, in plain decimal.
        switch (monitor)
        {
            case MonitorSpec.Loop loop:
                result.AddRange(["-L", Forward(loop.WritePort, loop.WritePort), "-R", Forward(loop.WritePort, loop.ReadPort)]);
                break;
            case MonitorSpec.Echo echo:
                result.AddRange(["-L", Forward(echo.WritePort, echo.EchoPort)]);
                break;
        }

        result.AddRange(parsed.SshOptions);

        // R16a: the "--" that stopped getopt is autossh's and is not passed on (it was never added to the
        // operands); later ones are. FIX R16c/R17: operands are never edited (docs/compatibility.md row 4).
        // R19 again: an empty operand is dropped, a "-" kept.
        result.AddRange(parsed.Operands.Where(operand => operand.Length > 0));
        return result;
    }

    private static string Forward(int listenPort, int targetPort) =>
        string.Create(CultureInfo.InvariantCulture, $"{listenPort}:{ForwardHost}:{targetPort}");
}

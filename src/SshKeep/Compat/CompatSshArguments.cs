using System.Globalization;
using System.Text;

namespace SshKeep.Compat;

/// <summary>
/// ssh's arguments in compatibility mode (R15–R20): the monitor forwards, then the user's
/// arguments in getopt's permuted order, without what belongs to autossh.
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

        foreach (var cluster in parsed.Clusters)
        {
            var (kept, keepSeparateValue) = Rewrite(cluster.Text);
            if (kept.Length > 1)
            {
                result.Add(kept);
            }

            // R19: empty arguments are never passed.
            if (keepSeparateValue && cluster.SeparateValue is { Length: > 0 } value)
            {
                result.Add(value);
            }
        }

        // R16a: the "--" that stopped getopt is autossh's and is not passed on (it was never added to the
        // operands); later ones are. FIX R16c/R17: operands are never edited (docs/compatibility.md row 4).
        // R19 again: an empty operand is dropped, a "-" kept.
        result.AddRange(parsed.Operands.Where(operand => operand.Length > 0));
        return result;
    }

    /// <summary>
    /// One option cluster without autossh's own letters (R17, R20 with their fixes): every option
    /// <c>f</c> goes (<c>-ffN</c> is <c>-N</c>), <c>M</c> goes with its value (<c>-NM 20000</c> is
    /// <c>-N</c>), other values stay verbatim (<c>-L8080:f:80</c>). Returns the cluster ("-" alone:
    /// nothing left) and whether the separate value goes with it.
    /// </summary>
    internal static (string Kept, bool KeepSeparateValue) Rewrite(string cluster)
    {
        var kept = new StringBuilder("-", cluster.Length);
        for (var j = 1; j < cluster.Length; j++)
        {
            var letter = cluster[j];
            if (letter == 'M')
            {
                return (kept.ToString(), false);
            }

            if (GnuGetopt.TakesValue(letter))
            {
                kept.Append(cluster, j, cluster.Length - j);
                return (kept.ToString(), true);
            }

            if (letter != 'f')
            {
                kept.Append(letter);
            }
        }

        return (kept.ToString(), true);
    }

    private static string Forward(int listenPort, int targetPort) =>
        string.Create(CultureInfo.InvariantCulture, $"{listenPort}:{ForwardHost}:{targetPort}");
}

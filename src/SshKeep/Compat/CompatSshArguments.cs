using System.Globalization;
using System.Text;

namespace SshKeep.Compat;

/// <summary>
/// ssh's arguments in compatibility mode (R15–R20): the monitor forwards, then the user's
/// arguments in getopt's permuted order, without what belongs to autossh.
/// </summary>
internal static class CompatSshArguments
{
    /// <summary>autossh 1.4g always forwards to this host (R15).</summary>
    public const string ForwardHost = "127.0.0.1";

    public static IReadOnlyList<string> Build(MonitorSpec monitor, GetoptOutcome.Parsed parsed)
    {
        var result = new List<string>();

        // R15 (Debian placement): right after the program, in plain decimal.
        switch (monitor)
        {
            case MonitorSpec.Loop loop:
                result.Add("-L");
                result.Add(Forward(loop.WritePort, loop.WritePort));
                result.Add("-R");
                result.Add(Forward(loop.WritePort, loop.ReadPort));
                break;
            case MonitorSpec.Echo echo:
                result.Add("-L");
                result.Add(Forward(echo.WritePort, echo.EchoPort));
                break;
        }

        foreach (var cluster in parsed.Clusters)
        {
            var (kept, keepSeparateValue) = Rewrite(cluster.Text);
            if (kept.Length > 1)
            {
                result.Add(kept);
            }

            if (keepSeparateValue && cluster.SeparateValue is { } value)
            {
                Add(result, value);
            }
        }

        // R16a: the "--" that stopped getopt is autossh's and is not passed on (it was never
        // added to the operands); later ones are. Operands are never edited (deliberate fix of
        // R16c/R17: autossh stripped 'f' from host names and remote-command words too).
        foreach (var operand in parsed.Operands)
        {
            Add(result, operand);
        }

        return result;
    }

    /// <summary>
    /// One option cluster without autossh's own letters. Deliberate fixes of R17 and R20: only
    /// letters getopt read as options are touched; every <c>f</c> before the first value-taking
    /// letter goes (no doubled-f leftover: <c>-ffN</c> is <c>-N</c>); <c>M</c> goes with its
    /// value, attached or separate, wherever it sits in the cluster (<c>-NM 20000</c> is
    /// <c>-N</c>, <c>-fM 20000</c> is nothing); any other value-taking letter keeps its
    /// attached value verbatim (<c>-lfoo</c>, <c>-L8080:f:80</c>).
    /// </summary>
    /// <returns>The cluster to pass ("-" alone means nothing is left), and whether the
    /// separate value taken by the cluster's last letter goes with it.</returns>
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

            if (SshOptionLetters.TakesValue(letter))
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

    /// <summary>R19: empty arguments are never passed (a cluster left as a bare "-" is skipped
    /// by the caller; a "-" given as an operand is kept).</summary>
    private static void Add(List<string> result, string argument)
    {
        if (argument.Length > 0)
        {
            result.Add(argument);
        }
    }
}

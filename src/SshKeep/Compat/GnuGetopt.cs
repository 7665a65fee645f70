namespace SshKeep.Compat;

/// <summary>glibc <c>getopt</c> as autossh calls it (docs/autossh-rules.md R6, R7, R2), describing the permuted argv
/// instead of shuffling it; <c>--foo</c> is a cluster whose first letter <c>-</c> is invalid.</summary>
internal static class GnuGetopt
{
    /// <summary>OpenSSH 9's, not autossh's older set (R6, R21, docs/compatibility.md row 1), and <c>M</c>.</summary>
    private const string ValueTaking = "bceilmopwBDEFIJLOPQRSWM";

    /// <summary>ssh's flags, plus autossh's own <c>V</c> and <c>f</c>.</summary>
    private const string Flags = "1246aACfgGkKnNqstTvVxXyY";

    public static bool TakesValue(char letter) => ValueTaking.Contains(letter, StringComparison.Ordinal);

    public static GetoptOutcome Parse(string argv0, IReadOnlyList<string> args, bool posixlyCorrect)
    {
        var sshOptions = new List<string>();
        var options = new List<(char Letter, string? Value)>();
        var operands = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var element = args[i];
            if (element == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }

            if (element.Length < 2 || element[0] != '-')
            {
                if (posixlyCorrect)
                {
                    operands.AddRange(args.Skip(i));
                    break;
                }

                operands.Add(element);
                continue;
            }

            // R17, R20 fixed (docs/compatibility.md rows 4, 5): -ffN is -N, -NM 20000 is -N, -L8080:f:80 stays.
            var kept = new StringBuilder("-", element.Length);
            string? separateValue = null;
            for (var j = 1; j < element.Length; j++)
            {
                var letter = element[j];
                if (!TakesValue(letter) && !Flags.Contains(letter, StringComparison.Ordinal))
                {
                    return new GetoptOutcome.Rejected($"{argv0}: invalid option -- '{LetterAt(element, j)}'");
                }

                if (letter == 'V')
                {
                    return new GetoptOutcome.VersionRequested();
                }

                if (!TakesValue(letter))
                {
                    options.Add((letter, null));
                    if (letter != 'f') kept.Append(letter);
                    continue;
                }

                if (j + 1 < element.Length)
                {
                    options.Add((letter, element[(j + 1)..]));
                }
                else if (i + 1 < args.Count)
                {
                    separateValue = args[++i];
                    options.Add((letter, separateValue));
                }
                else
                {
                    return new GetoptOutcome.Rejected($"{argv0}: option requires an argument -- '{letter}'");
                }

                if (letter == 'M') separateValue = null;
                else kept.Append(element, j, element.Length - j);
                break;
            }

            if (kept.Length > 1) sshOptions.Add(kept.ToString());
            // R19: empty arguments are never passed.
            if (separateValue is { Length: > 0 }) sshOptions.Add(separateValue);
        }

        return new GetoptOutcome.Parsed(sshOptions, options, operands);
    }

    /// <summary>Whole (glibc prints one byte), escaped: the diagnostic is one valid line (docs/security.md).</summary>
    private static string LetterAt(string element, int index) =>
        char.IsHighSurrogate(element[index]) && index + 1 < element.Length && char.IsLowSurrogate(element[index + 1])
            ? element.Substring(index, 2)
            : OneLine.Of(element[index].ToString());
}

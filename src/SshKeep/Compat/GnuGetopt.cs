namespace SshKeep.Compat;

/// <summary>
/// glibc <c>getopt(argc, argv, optstring)</c> as autossh calls it (R6, R7), without the in-place
/// shuffling: the result describes the permuted argv. With <c>POSIXLY_CORRECT</c> (any value) it
/// stops at the first operand; <c>--foo</c> is a cluster whose first letter <c>-</c> is invalid; a
/// value-taking letter takes the rest of the element or the whole next one (<c>-M -V</c>);
/// <c>-V</c> acts when reached (R2).
/// </summary>
internal static class GnuGetopt
{
    /// <summary>ssh's value-taking options (OpenSSH 9's set instead of autossh's older getopt string: R6, R21,
    /// docs/compatibility.md row 1), plus autossh's own <c>M</c>.</summary>
    private const string ValueTaking = "bceilmopwBDEFIJLOPQRSWM";

    /// <summary>ssh's flags, plus autossh's own <c>V</c> (and <c>f</c>, which autossh takes for itself).</summary>
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

            // R17, R20 with their fixes: ssh gets the element without autossh's letters: every f goes (-ffN is -N),
            // M goes with its value (-NM 20000 is -N), other values stay verbatim (-L8080:f:80).
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

    /// <summary>The offending character: whole (glibc prints one byte) and escaped when a control
    /// character, so the diagnostic is valid text on one line (hostile input, docs/security.md).</summary>
    private static string LetterAt(string element, int index) =>
        char.IsHighSurrogate(element[index]) && index + 1 < element.Length && char.IsLowSurrogate(element[index + 1])
            ? element.Substring(index, 2)
            : OneLine.Of(element[index].ToString());
}

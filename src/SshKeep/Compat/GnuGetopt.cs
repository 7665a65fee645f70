namespace SshKeep.Compat;

/// <summary>
/// glibc <c>getopt(argc, argv, optstring)</c> as autossh calls it (R6, R7), without the
/// in-place shuffling: the result describes the permuted argv instead.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Permuting mode (the default): operands are skipped and collected, every option with its
/// value is moved ahead of them in its original order, and scanning stops at the first
/// <c>--</c>, which getopt consumes; everything after it is an operand.</item>
/// <item>With <c>POSIXLY_CORRECT</c> in the environment (any value, even empty) glibc stops at
/// the first operand instead, leaving the rest untouched.</item>
/// <item>An operand is an element that does not start with <c>-</c>, or is exactly <c>-</c>
/// (so empty strings are operands too). <c>--foo</c> is not a long option here: getopt
/// reads it as a cluster whose first letter is <c>-</c>, which is invalid.</item>
/// <item>Letters of a cluster are read left to right; a value-taking letter takes the rest of
/// the element, or the whole next element whatever it looks like (<c>-M -V</c> gives M the
/// value <c>-V</c>). <c>-V</c> acts as soon as it is reached, so an invalid option before it
/// wins and one after it is never seen (R2).</item>
/// </list>
/// </remarks>
internal static class GnuGetopt
{
    public static GetoptOutcome Parse(string argv0, IReadOnlyList<string> args, bool posixlyCorrect)
    {
        var clusters = new List<GetoptCluster>();
        var options = new List<(char Letter, string? Value)>();
        var operands = new List<string>();
        var stoppedAtDoubleDash = false;

        for (var i = 0; i < args.Count; i++)
        {
            var element = args[i];
            if (element == "--")
            {
                stoppedAtDoubleDash = true;
                AddRange(operands, args, i + 1);
                break;
            }

            if (element.Length < 2 || element[0] != '-')
            {
                if (posixlyCorrect)
                {
                    AddRange(operands, args, i);
                    break;
                }

                operands.Add(element);
                continue;
            }

            string? separateValue = null;
            for (var j = 1; j < element.Length; j++)
            {
                var letter = element[j];
                if (!SshOptionLetters.IsKnown(letter))
                {
                    return new GetoptOutcome.Rejected($"{argv0}: invalid option -- '{LetterAt(element, j)}'");
                }

                if (letter == 'V')
                {
                    return new GetoptOutcome.VersionRequested();
                }

                if (!SshOptionLetters.TakesValue(letter))
                {
                    options.Add((letter, null));
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

                break;
            }

            clusters.Add(new GetoptCluster(element, separateValue));
        }

        return new GetoptOutcome.Parsed(clusters, options, stoppedAtDoubleDash, operands);
    }

    private static void AddRange(List<string> target, IReadOnlyList<string> source, int from)
    {
        for (var k = from; k < source.Count; k++)
        {
            target.Add(source[k]);
        }
    }

    /// <summary>
    /// The offending character for the diagnostic. glibc prints one byte; we print the whole
    /// character (both halves of a surrogate pair) so the message stays valid text, and a control
    /// character as an escape (<c>-\n</c> gives <c>'\n'</c>, an ESC <c>'\x1b'</c>), so the
    /// diagnostic stays one line that cannot drive the terminal (hostile input, docs/security.md).
    /// </summary>
    private static string LetterAt(string element, int index) =>
        char.IsHighSurrogate(element[index]) && index + 1 < element.Length && char.IsLowSurrogate(element[index + 1])
            ? element.Substring(index, 2)
            : OneLine.Of(element[index].ToString());
}

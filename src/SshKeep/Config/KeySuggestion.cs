namespace SshKeep.Config;

internal static class KeySuggestion
{
    /// <summary>Ignoring case, '_' and '-'; the edits allowed grow with the word's length, so short words match little.</summary>
    public static string? Closest(string given, IEnumerable<string> known)
    {
        var normalizedGiven = Normalize(given);
        var allowed = normalizedGiven.Length <= 4 ? 1 : normalizedGiven.Length <= 8 ? 2 : 3;
        // OrderBy is stable: of the closest, the first known word wins.
        var (best, edits) = known.Select(k => (Word: k, Edits: Distance(normalizedGiven, Normalize(k)))).OrderBy(k => k.Edits).FirstOrDefault();
        return normalizedGiven.Length > 0 && best is not null && edits <= allowed ? best : null;
    }

    private static string Normalize(string word) =>
        new([.. word.Where(c => c is not ('_' or '-')).Select(char.ToLowerInvariant)]);

    /// <summary>Optimal string alignment distance (Damerau–Levenshtein without repeated edits of one substring).</summary>
    internal static int Distance(string a, string b)
    {
        // A hostile 1 MiB key costs nothing: no threshold allows this length gap.
        if (Math.Abs(a.Length - b.Length) > 3)
        {
            return int.MaxValue;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            for (var j = 0; j <= b.Length; j++)
            {
                d[i, j] = i == 0 || j == 0 ? i + j
                    : Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

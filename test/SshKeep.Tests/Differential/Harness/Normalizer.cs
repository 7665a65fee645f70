using System.Globalization;
using System.Text.RegularExpressions;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>
/// Turns what one keeper run produced into comparable text: the run directory, the fake ssh
/// path, argv[0], the program name, pids and ports become placeholders ({dir}, {fake},
/// {argv0}, {prog}, {pid}, {ssh-pid}, {P}, …), so autossh's and sshkeep's runs line up.
/// </summary>
public sealed partial class Normalizer
{
    private readonly List<(string Raw, string Token)> _texts = [];
    private readonly Dictionary<long, string> _numbers = [];
    private string? _program;

    /// <summary>Replace this exact text (longest first) everywhere.</summary>
    public void Text(string raw, string token)
    {
        if (raw.Length == 0) return;
        _texts.Add((raw, token));
        _texts.Sort((a, b) => b.Raw.Length.CompareTo(a.Raw.Length));
    }

    /// <summary>Replace this number when it stands alone (not part of a longer number).</summary>
    public void Number(long value, string token) => _numbers.TryAdd(value, token);

    /// <summary>The program name (last part of argv[0], R70): replaced as a whole word.</summary>
    public void Program(string name) => _program = name;

    public string Apply(string s)
    {
        foreach (var (raw, token) in _texts) s = s.Replace(raw, token, StringComparison.Ordinal);
        if (_numbers.Count > 0)
            s = NumberPattern().Replace(s, m => _numbers.TryGetValue(long.Parse(m.Value, CultureInfo.InvariantCulture), out var t) ? t : m.Value);
        if (_program is not null)
            s = Regex.Replace(s, $@"(?<![\w/.{{-]){Regex.Escape(_program)}(?![\w/.}}-])", "{prog}");
        return s;
    }

    [GeneratedRegex(@"(?<![\d.])\d{1,10}(?![\d.])")]
    private static partial Regex NumberPattern();
}

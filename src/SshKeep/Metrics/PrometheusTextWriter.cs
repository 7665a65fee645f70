namespace SshKeep.Metrics;

/// <summary>Names are checked, so a typo fails in a test rather than at a scrape.</summary>
internal sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    /// <summary>Each family once, before its samples.</summary>
    public void Family(string name, string type, string help)
    {
        CheckName(name);
        if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
            throw new ArgumentException($"unknown metric type \"{type}\"", nameof(type));
        if (!_families.Add(name)) throw new InvalidOperationException($"metric family {name} written twice");
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
    }

    public void Sample(string name, IReadOnlyList<KeyValuePair<string, string>> labels, double value)
    {
        CheckName(name);
        _text.Append(name);
        if (labels.Count > 0)
        {
            _text.Append('{');
            for (int i = 0; i < labels.Count; i++)
            {
                CheckName(labels[i].Key, label: true);
                if (i > 0) _text.Append(',');
                _text.Append(labels[i].Key).Append("=\"").Append(EscapeLabelValue(labels[i].Value)).Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(FormatValue(value)).Append('\n');
    }

    /// <summary>A family of one sample without labels.</summary>
    public void Single(string name, string type, string help, double value)
    {
        Family(name, type, help);
        Sample(name, [], value);
    }

    public override string ToString() => _text.ToString();

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    public static bool IsMetricName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    /// <summary><c>[a-zA-Z_][a-zA-Z0-9_]*</c>, and not starting with <c>__</c> (reserved).</summary>
    public static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && !name.StartsWith("__", StringComparison.Ordinal) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static void CheckName(string name, bool label = false)
    {
        if (!(label ? IsLabelName(name) : IsMetricName(name)))
            throw new ArgumentException($"\"{name}\" is not a {(label ? "label" : "metric")} name", nameof(name));
    }
}

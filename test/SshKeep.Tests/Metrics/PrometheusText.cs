using System.Globalization;
using System.Text;

namespace SshKeep.Tests.Metrics;

/// <summary>
/// A small, strict parser of the Prometheus text format 0.0.4, for tests: whatever it accepts a
/// real Prometheus scrapes, and it refuses more than Prometheus does, so that sloppiness fails
/// here first. Checks: every line ends with '\n', no blank lines; each family has exactly one
/// <c># HELP</c> then one <c># TYPE</c> (known type) before its samples, and its samples are
/// contiguous; metric and label names are valid, label names unique per sample and not reserved;
/// label values and help use only the escapes \\, \" (labels) and \n; values parse (+Inf, -Inf,
/// NaN); no series appears twice; counters end in <c>_total</c> and are never negative; every
/// histogram series has increasing <c>le</c> bounds with non-decreasing counts, a +Inf bucket
/// equal to its <c>_count</c>, and a <c>_sum</c>. Throws <see cref="FormatException"/> naming the line.
/// </summary>
public static class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && !text.EndsWith('\n')) throw new FormatException("the last line does not end with a newline");
        var lines = text.Length == 0 ? [] : text[..^1].Split('\n');
        var families = new Dictionary<string, (string? Help, string? Type, List<PrometheusSample> Samples)>(StringComparer.Ordinal);
        var order = new List<string>();
        var series = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;

        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            var line = lines[i];
            if (line.Length == 0) throw Bad(number, "blank line");
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                var space = rest.IndexOf(' ');
                if (space <= 0) throw Bad(number, "HELP/TYPE without a name and text");
                var name = rest[..space];
                var value = rest[(space + 1)..];
                CheckMetricName(name, number);
                if (!families.TryGetValue(name, out var family))
                {
                    if (order.Contains(name)) throw Bad(number, $"{name} appears again after other families");
                    family = (null, null, []);
                    order.Add(name);
                }
                if (family.Samples.Count > 0) throw Bad(number, $"{name}: HELP/TYPE after its samples");
                if (line[2] == 'H')
                {
                    if (family.Help is not null) throw Bad(number, $"{name}: a second HELP");
                    if (family.Type is not null) throw Bad(number, $"{name}: HELP after TYPE (sshkeep writes HELP first)");
                    family.Help = Unescape(value, number, allowQuote: false);
                }
                else
                {
                    if (family.Type is not null) throw Bad(number, $"{name}: a second TYPE");
                    if (!Types.Contains(value)) throw Bad(number, $"{name}: unknown type \"{value}\"");
                    family.Type = value;
                }
                families[name] = family;
                current = name;
                continue;
            }

            if (line.StartsWith('#')) throw Bad(number, "a comment other than HELP or TYPE");

            var sample = ParseSample(line, number);
            var owner = OwnerOf(sample.Name, families);
            if (owner is null) throw Bad(number, $"sample {sample.Name} before its family's HELP and TYPE");
            if (owner != current) throw Bad(number, $"sample {sample.Name} of {owner} is not next to the rest of its family");
            var (help, type, samples) = families[owner];
            if (help is null || type is null) throw Bad(number, $"{owner}: samples without HELP and TYPE");
            if (type != "histogram" && sample.Name != owner) throw Bad(number, $"{sample.Name} in {type} {owner}");
            if (type == "histogram" && sample.Name == owner) throw Bad(number, $"histogram {owner} has a bare sample");
            if (type == "counter")
            {
                if (!owner.EndsWith("_total", StringComparison.Ordinal)) throw Bad(number, $"counter {owner} does not end in _total");
                if (sample.Value < 0 || double.IsNaN(sample.Value)) throw Bad(number, $"counter {owner} is {sample.Value}");
            }
            var key = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!series.Add(key)) throw Bad(number, $"series {key} appears twice");
            samples.Add(sample);
        }

        var result = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        foreach (var name in order)
        {
            var (help, type, samples) = families[name];
            if (help is null || type is null) throw new FormatException($"{name}: HELP or TYPE missing");
            var family = new PrometheusFamily(name, type, help, samples);
            if (type == "histogram") CheckHistogram(family);
            result[name] = family;
        }
        return result;
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        int i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        var name = line[..i];
        CheckMetricName(name, number);
        var labels = new List<KeyValuePair<string, string>>();
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i < line.Length && line[i] == '}') { i++; break; }
                int start = i;
                while (i < line.Length && line[i] != '=') i++;
                var label = line[start..i];
                if (!IsLabelName(label)) throw Bad(number, $"\"{label}\" is not a label name");
                if (labels.Any(l => l.Key == label)) throw Bad(number, $"label {label} twice");
                if (i + 1 >= line.Length || line[i + 1] != '"') throw Bad(number, $"label {label} without a quoted value");
                i += 2;
                var value = new StringBuilder();
                while (true)
                {
                    if (i >= line.Length) throw Bad(number, $"label {label}'s value is not closed");
                    char c = line[i];
                    if (c == '"') { i++; break; }
                    if (c == '\\')
                    {
                        if (i + 1 >= line.Length) throw Bad(number, "a backslash at the end of the line");
                        value.Append(line[i + 1] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw Bad(number, $"unknown escape \\{other} in label {label}"),
                        });
                        i += 2;
                        continue;
                    }
                    value.Append(c);
                    i++;
                }
                labels.Add(new(label, value.ToString()));
                if (i < line.Length && line[i] == ',') { i++; continue; }
                if (i < line.Length && line[i] == '}') { i++; break; }
                throw Bad(number, "expected ',' or '}' after a label");
            }
        }
        if (i >= line.Length || line[i] != ' ') throw Bad(number, "expected one space before the value");
        var fields = line[(i + 1)..].Split(' ');
        if (fields.Length is < 1 or > 2 || fields.Any(f => f.Length == 0)) throw Bad(number, "expected a value and an optional timestamp");
        if (fields.Length == 2 && !long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            throw Bad(number, $"timestamp \"{fields[1]}\" is not whole milliseconds");
        return new PrometheusSample(name, labels, ParseValue(fields[0], number), number);
    }

    public static double ParseValue(string text, int number = 0) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !text.Contains(',') => value,
        _ => throw Bad(number, $"\"{text}\" is not a number"),
    };

    private static void CheckHistogram(PrometheusFamily family)
    {
        var byLabels = family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").Select(l => l.Key + "=" + l.Value)));
        foreach (var group in byLabels)
        {
            var buckets = group.Where(s => s.Name == family.Name + "_bucket").ToList();
            var count = group.SingleOrDefault(s => s.Name == family.Name + "_count")
                        ?? throw new FormatException($"{family.Name}{{{group.Key}}}: no _count");
            if (group.SingleOrDefault(s => s.Name == family.Name + "_sum") is null) throw new FormatException($"{family.Name}{{{group.Key}}}: no _sum");
            if (group.Any(s => s.Name != family.Name + "_bucket" && s.Name != family.Name + "_count" && s.Name != family.Name + "_sum"))
                throw new FormatException($"{family.Name}: a sample that is not _bucket, _sum or _count");
            if (buckets.Count == 0) throw new FormatException($"{family.Name}{{{group.Key}}}: no buckets");
            double bound = double.NegativeInfinity;
            double previous = 0;
            foreach (var bucket in buckets)
            {
                var le = bucket.Label("le") ?? throw Bad(bucket.Line, "a bucket without le");
                var upper = ParseValue(le, bucket.Line);
                if (upper <= bound) throw Bad(bucket.Line, $"bucket le=\"{le}\" is not above the one before");
                if (bucket.Value < previous) throw Bad(bucket.Line, $"bucket le=\"{le}\" counts fewer than the one before");
                bound = upper;
                previous = bucket.Value;
            }
            if (!double.IsPositiveInfinity(bound)) throw new FormatException($"{family.Name}{{{group.Key}}}: the last bucket is not le=\"+Inf\"");
            if (previous != count.Value) throw Bad(count.Line, $"the +Inf bucket ({previous}) is not _count ({count.Value})");
        }
    }

    private static string Unescape(string text, int number, bool allowQuote)
    {
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\') { result.Append(text[i]); continue; }
            if (i + 1 >= text.Length) throw Bad(number, "a backslash at the end of the line");
            result.Append(text[++i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when allowQuote => '"',
                var other => throw Bad(number, $"unknown escape \\{other}"),
            });
        }
        return result.ToString();
    }

    private static string? OwnerOf(string sampleName, Dictionary<string, (string? Help, string? Type, List<PrometheusSample> Samples)> families)
    {
        if (families.ContainsKey(sampleName)) return sampleName;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(sampleName[..^suffix.Length], out var f) && f.Type == "histogram")
                return sampleName[..^suffix.Length];
        }
        return null;
    }

    private static void CheckMetricName(string name, int number)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':'))
            throw Bad(number, $"\"{name}\" is not a metric name");
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && !name.StartsWith("__", StringComparison.Ordinal) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static FormatException Bad(int line, string problem) => new($"line {line}: {problem}");
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SshKeep.Config;

/// <summary>
/// Reads one value of an expected type, or reports one error that quotes what was found and says
/// what is accepted. Every method is silent about a <see cref="ConfigRefused"/> node (already reported).
/// Scalars are read from their text, not by YAML typing: <c>port: "22"</c> and <c>port: 22</c> are
/// the same, and <c>no</c> is never the boolean false behind the user's back.
/// </summary>
internal static partial class ConfigValueReader
{
    /// <summary>The node as a map; an empty (null) value counts as an empty map.</summary>
    public static bool Map(ConfigNode node, string path, ConfigErrorSink errors, string accepted, [NotNullWhen(true)] out ConfigMapping? map)
    {
        map = node switch
        {
            ConfigMapping m => m,
            ConfigScalar { IsNull: true } s => new ConfigMapping(s.Line, s.Column, []),
            _ => null,
        };
        if (map is null)
        {
            Fail(node, path, errors, accepted);
        }

        return map is not null;
    }

    /// <summary>The node as a list; an empty (null) value counts as an empty list.</summary>
    public static bool List(ConfigNode node, string path, ConfigErrorSink errors, string accepted, [NotNullWhen(true)] out ConfigSequence? list)
    {
        list = node switch
        {
            ConfigSequence l => l,
            ConfigScalar { IsNull: true } s => new ConfigSequence(s.Line, s.Column, []),
            _ => null,
        };
        if (list is null)
        {
            Fail(node, path, errors, accepted);
        }

        return list is not null;
    }

    /// <summary>Non-empty one-line text.</summary>
    public static bool Text(ConfigNode node, string path, ConfigErrorSink errors, string accepted, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (node is not ConfigScalar { IsNull: false } scalar || scalar.Value.Length == 0)
        {
            Fail(node, path, errors, accepted);
            return false;
        }

        if (ConfigText.HasControl(scalar.Value))
        {
            errors.Add(node, path, $"{scalar.Describe()} contains a control character (newline, tab…); expected {accepted} on one line");
            return false;
        }

        text = scalar.Value;
        return true;
    }

    public static bool WholeNumber(ConfigNode node, string path, ConfigErrorSink errors, int min, int max, out int value)
    {
        value = 0;
        var accepted = $"a whole number from {ConfigText.Number(min)} to {ConfigText.Number(max)}";
        if (node is ConfigScalar { IsNull: false } scalar && WholeNumberSyntax().IsMatch(scalar.Value) &&
            int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out value) &&
            value >= min && value <= max)
        {
            return true;
        }

        Fail(node, path, errors, accepted);
        return false;
    }

    /// <summary>A duration in seconds, decimals allowed (<c>0.5</c>); <paramref name="zeroMeans"/>
    /// names what 0 does where 0 is accepted besides the range.</summary>
    public static bool Seconds(ConfigNode node, string path, ConfigErrorSink errors, double min, double max, string? zeroMeans, out double value)
    {
        value = 0;
        var accepted = $"a number of seconds from {ConfigText.Seconds(min)} to {ConfigText.Seconds(max)}" +
                       (zeroMeans is null ? "" : $", or 0 to {zeroMeans}");
        if (node is ConfigScalar { IsNull: false } scalar && DecimalSyntax().IsMatch(scalar.Value) &&
            double.TryParse(scalar.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) &&
            ((value >= min && value <= max) || (value == 0 && zeroMeans is not null)))
        {
            return true;
        }

        Fail(node, path, errors, accepted);
        return false;
    }

    /// <summary><c>true</c>/<c>false</c>; <c>yes</c>/<c>no</c> too, since YAML 1.1 taught people those.</summary>
    public static bool Boolean(ConfigNode node, string path, ConfigErrorSink errors, out bool value)
    {
        value = false;
        if (node is ConfigScalar { IsNull: false } scalar)
        {
            switch (scalar.Value.ToLowerInvariant())
            {
                case "true" or "yes":
                    value = true;
                    return true;
                case "false" or "no":
                    return true;
            }
        }

        Fail(node, path, errors, "true or false");
        return false;
    }

    /// <summary>One of a few words, matched exactly (they are documented lower-case).</summary>
    public static bool OneOf(ConfigNode node, string path, ConfigErrorSink errors, IReadOnlyList<string> words, [NotNullWhen(true)] out string? word)
    {
        word = node is ConfigScalar { IsNull: false } scalar && words.Contains(scalar.Value) ? scalar.Value : null;
        if (word is null)
        {
            var accepted = "one of " + string.Join(", ", words.Select(ConfigText.Key));
            var suggestion = node is ConfigScalar { IsNull: false } s ? KeySuggestion.Closest(s.Value, words) : null;
            Fail(node, path, errors, accepted, suggestion is null ? "" : $"; did you mean {ConfigText.Key(suggestion)}?");
        }

        return word is not null;
    }

    /// <summary>Reports that <paramref name="node"/> is not <paramref name="accepted"/>, quoting it.</summary>
    public static void Fail(ConfigNode node, string path, ConfigErrorSink errors, string accepted, string suffix = "")
    {
        switch (node)
        {
            case ConfigRefused:
                return;
            case ConfigScalar { IsNull: true }:
                errors.Add(node, path, $"no value; expected {accepted}{suffix}");
                return;
            case ConfigScalar { Value.Length: 0 }:
                errors.Add(node, path, $"empty text; expected {accepted}{suffix}");
                return;
            case ConfigScalar scalar:
                errors.Add(node, path, $"{scalar.Describe()} is not {accepted}{suffix}");
                return;
            default:
                errors.Add(node, path, $"expected {accepted}, found {node.Describe()}{suffix}");
                return;
        }
    }

    // At most 9 digits so the parse cannot overflow; the range check follows.
    [GeneratedRegex("^[0-9]{1,9}$")]
    private static partial Regex WholeNumberSyntax();

    [GeneratedRegex(@"^(?:[0-9]{1,9}(?:\.[0-9]{0,9})?|\.[0-9]{1,9})$")]
    private static partial Regex DecimalSyntax();
}

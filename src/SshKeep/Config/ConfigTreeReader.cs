using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SshKeep.Config;

/// <summary>Refuses what a hostile file could abuse (docs/config.md, "The YAML sshkeep reads"). The parser keeps its own
/// stack, so deep input cannot overflow ours before the depth limit.</summary>
internal sealed class ConfigTreeReader(IParser parser, ConfigErrorSink errors)
{
    /// <summary>Null when the file is empty or not YAML (then reported).</summary>
    public static ConfigNode? Read(string text, ConfigErrorSink errors)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            return new ConfigTreeReader(parser, errors).ReadStream();
        }
        catch (YamlException e)
        {
            // YamlDotNet's marks are 1-based; its message names what it expected.
            errors.Add(ToInt(e.Start.Line), ToInt(e.Start.Column), "", $"not valid YAML: {e.Message}{TabHint(text)}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 16.3's scanner throws a bare InvalidOperationException on some broken input (an unclosed
            // flow map followed by a tab, found by HostileInputTests).
            var mark = parser.Current?.End ?? Mark.Empty;
            errors.Add(ToInt(mark.Line), ToInt(mark.Column), "",
                "not valid YAML after this point; check brackets, quotes and indentation (spaces, not tabs)");
            return null;
        }
    }

    private ConfigNode? ReadStream()
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return null;
        }

        parser.Consume<DocumentStart>();
        if (ReadNode("", 1) is not { } root)
        {
            return null;
        }

        parser.Consume<DocumentEnd>();
        if (parser.Current is DocumentStart second)
        {
            Report(second.Start, "", "a second YAML document (after `---`); a tunnels file is one document");
            return null;
        }

        return root;
    }

    /// <summary>A refused node (an alias, a tag) as <see cref="ConfigRefused"/>; null when nesting went too deep.</summary>
    private ConfigNode? ReadNode(string path, int depth)
    {
        var current = parser.Current ?? throw new InvalidOperationException("parser has no event");
        if (current is NodeEvent { Tag.IsEmpty: false } tagged)
        {
            Report(tagged.Start, path, $"YAML tags (`{tagged.Tag}`) are not accepted; write the plain value");
            // Skips the node with its children by counting events, not by recursion.
            parser.SkipThisAndNestedEvents();
            return new ConfigRefused(ToInt(tagged.Start.Line), ToInt(tagged.Start.Column));
        }

        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new ConfigScalar(ToInt(scalar.Start.Line), ToInt(scalar.Start.Column), scalar.Value, scalar.Style == ScalarStyle.Plain);

            case AnchorAlias alias:
                parser.MoveNext();
                Report(alias.Start, path,
                    $"YAML aliases (`*{alias.Value}`) are not accepted; write the value out, or put shared settings under `defaults`");
                return new ConfigRefused(ToInt(alias.Start.Line), ToInt(alias.Start.Column));

            case SequenceStart or MappingStart when depth > ConfigLoader.MaxDepth:
                Report(current.Start, path,
                    $"nested deeper than {ConfigLoader.MaxDepth} levels; a tunnels file never needs that, so reading stopped here");
                return null;

            case SequenceStart start:
                return ReadSequence(start, path, depth);

            case MappingStart start:
                return ReadMapping(start, path, depth);

            default:
                throw new InvalidOperationException($"unexpected YAML event {current.GetType().Name}");
        }
    }

    private ConfigSequence? ReadSequence(SequenceStart start, string path, int depth)
    {
        parser.MoveNext();
        var items = new List<ConfigNode>();
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            if (ReadNode(ConfigText.Item(path, items.Count), depth + 1) is not { } item)
            {
                return null;
            }

            items.Add(item);
        }

        return new ConfigSequence(ToInt(start.Start.Line), ToInt(start.Start.Column), items);
    }

    private ConfigMapping? ReadMapping(MappingStart start, string path, int depth)
    {
        parser.MoveNext();
        var entries = new List<ConfigMappingEntry>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            if (ReadNode(ConfigText.Child(path, "?"), depth + 1) is not { } key)
            {
                return null;
            }

            var keyScalar = key as ConfigScalar;
            var valuePath = ConfigText.Child(path, keyScalar?.Value ?? "?");
            if (ReadNode(valuePath, depth + 1) is not { } value)
            {
                return null;
            }

            if (keyScalar is null)
            {
                if (key is not ConfigRefused)
                {
                    Report(keyEvent.Start, path, $"a key must be plain text, found {key.Describe()}");
                }

                continue;
            }

            if (firstLine.TryGetValue(keyScalar.Value, out var line))
            {
                errors.Add(keyScalar, valuePath,
                    $"duplicate key {ConfigText.Key(keyScalar.Value)} (first set on line {ConfigText.Number(line)}); set it once");
                continue;
            }

            firstLine.Add(keyScalar.Value, keyScalar.Line);
            entries.Add(new ConfigMappingEntry(keyScalar, value, valuePath));
        }

        return new ConfigMapping(ToInt(start.Start.Line), ToInt(start.Start.Column), entries);
    }

    /// <summary>The most common reason a hand-edited file stops parsing, which the parser's message does not name.</summary>
    private static string TabHint(string text) =>
        text.Split('\n').Any(line => line.TrimStart(' ').StartsWith('\t')) ? " (YAML indents with spaces, not tabs)" : "";

    private void Report(Mark mark, string path, string message) =>
        errors.Add(ToInt(mark.Line), ToInt(mark.Column), path, message);

    /// <summary>A file of at most 1 MiB fits an int.</summary>
    private static int ToInt(long value) => (int)Math.Clamp(value, 1, int.MaxValue);
}

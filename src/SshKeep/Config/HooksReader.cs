using SshKeep.Native;

namespace SshKeep.Config;

/// <summary>Reads one hook of a section's <c>hooks</c> map (docs/config.md, "hooks").</summary>
internal static class HooksReader
{
    /// <summary>A hook is a command, not a data file.</summary>
    public const int MaxArguments = 64;

    private const string Accepted = "a list [program, arguments…] run without a shell, or { shell: \"command\" } run with /bin/sh -c";

    public static Located<object?>? Read(ConfigMappingEntry entry, ConfigSectionReader reader)
    {
        var errors = reader.Errors;
        switch (entry.Value)
        {
            case ConfigScalar { IsNull: true } when !reader.IsDefaults:
                return ConfigKeyReads.At(entry, null);
            case ConfigScalar { IsNull: true }:
                errors.Add(entry.Value, entry.Path, $"no value; expected {Accepted} (a null hook removes an inherited one, and only in a tunnel)");
                return null;
            case ConfigScalar { Value.Length: > 0 } text:
                errors.Add(entry.Value, entry.Path,
                    $"{text.Describe()} is one string, and hooks run without a shell; write it as a list [\"program\", \"argument\"], or {{ shell: {text.Describe()} }} to run it with /bin/sh -c");
                return null;
            case ConfigSequence list:
                return Direct(entry, list, reader);
            case ConfigMapping map:
                return Shell(entry, map, reader);
            default:
                ConfigKeyReads.Fail(entry.Value, entry.Path, errors, Accepted);
                return null;
        }
    }

    private static Located<object?>? Direct(ConfigMappingEntry entry, ConfigSequence list, ConfigSectionReader reader)
    {
        var errors = reader.Errors;
        var problem = list.Items.Count == 0 ? $"an empty list; expected {Accepted}"
            : list.Items.Count > MaxArguments
                ? $"{ConfigText.Number(list.Items.Count)} words; a hook has at most {ConfigText.Number(MaxArguments)} (put a longer command in a script)"
            : null;
        if (problem is not null)
        {
            errors.Add(entry.Value, entry.Path, problem);
            return null;
        }

        var argv = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var accepted = i == 0 ? "a program name or absolute path" : "an argument (one line of text)";
            if (ConfigKeyReads.Text(list.Items[i], ConfigText.Item(entry.Path, i), errors, accepted, out var word))
            {
                argv.Add(word);
            }
        }

        if (argv.Count != list.Items.Count)
        {
            return null;
        }

        var program = Program(argv[0], list.Items[0], ConfigText.Item(entry.Path, 0), reader);
        return program is null ? null : ConfigKeyReads.At(entry, HookCommand.Direct([program, .. argv.Skip(1)]));
    }

    /// <summary>A misspelt <c>shell</c> is reported once, as misspelt, not also as missing.</summary>
    private static Located<object?>? Shell(ConfigMappingEntry entry, ConfigMapping map, ConfigSectionReader reader)
    {
        var path = $"{ConfigKeys.Tunnel}.hooks.{entry.Name}";
        var layer = reader.ReadMap(map, path);
        if (!layer.Written.Contains(path + ".shell"))
        {
            reader.Errors.Add(entry.Value, entry.Path, $"no `shell`; expected {Accepted}");
        }

        return layer.Complete && layer.Own(path + ".shell")?.Value is string script ? ConfigKeyReads.At(entry, HookCommand.Shell(script)) : null;
    }

    private static string? Program(string program, ConfigNode node, string path, ConfigSectionReader reader)
    {
        const string Expected = "expected a program name found in PATH or an absolute path";
        var bare = !program.Contains('/') && !program.StartsWith('~');
        var (found, error) = program.StartsWith('-')
                ? (null, $"{ConfigText.Quote(program)} starts with '-'; expected a program name or absolute path")
            : !bare ? ConfigKeyReads.Expanded(program, reader.Home)
            : ProgramSearch.InPath(program, reader.PathVariable, ProgramSearch.IsExecutableFile) ? (program, null)
            : (null, $"{ConfigText.Quote(program)} is not found in PATH; {Expected}");
        if (found is not null && !bare && !ProgramSearch.IsExecutableFile(found))
        {
            error = $"{ConfigText.Quote(found)} is not an executable file; {Expected}";
            found = null;
        }

        if (error is not null) reader.Errors.Add(node, path, error);
        return found;
    }
}

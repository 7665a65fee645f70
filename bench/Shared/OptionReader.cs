using System.Globalization;

namespace SshKeep.Bench;

/// <summary>
/// Walks a benchmark's command line: <c>--name value</c> and <c>--name=value</c> alike, and the
/// options every side-by-side benchmark takes (<see cref="SideBySideOptions"/>). A bad value throws
/// <see cref="BadOptionException"/> with one line naming it and what is accepted.
/// </summary>
internal sealed class OptionReader(IReadOnlyList<string> args)
{
    private int _index = -1;
    private string? _inline;

    /// <summary>The argument being read, as given.</summary>
    public string Argument { get; private set; } = "";

    /// <summary>The option's name without an inline value ("--reps" of "--reps=3").</summary>
    public string Name { get; private set; } = "";

    /// <summary>Moves to the next argument; false at the end.</summary>
    public bool Next()
    {
        if (++_index >= args.Count) return false;
        Argument = args[_index];
        (Name, _inline) = Argument.StartsWith("--", StringComparison.Ordinal) && Argument.IndexOf('=') is > 0 and var eq
            ? (Argument[..eq], Argument[(eq + 1)..])
            : (Argument, (string?)null);
        return true;
    }

    /// <summary>The option's value: after '=', or the next argument.</summary>
    public string Value()
    {
        if (_inline is not null) return _inline;
        if (_index + 1 >= args.Count) throw new BadOptionException($"{Name} needs a value");
        return args[++_index];
    }

    /// <summary>
    /// Reads the option at hand into <paramref name="options"/> when it is one every side-by-side
    /// benchmark takes (--reps, --keepers, --out, --sshkeep, --autossh); false when it is not.
    /// </summary>
    public bool TryCommon<T>(ref T options) where T : SideBySideOptions
    {
        SideBySideOptions common = options;
        switch (Name)
        {
            case "--reps":
                common = common with { Reps = Reps() };
                break;
            case "--keepers":
                common = common with { Keepers = Keepers() };
                break;
            case "--out":
                common = common with { OutputDirectory = Path.GetFullPath(Value()) };
                break;
            case "--sshkeep":
                common = common with { SshkeepPath = Path.GetFullPath(Value()) };
                break;
            case "--autossh":
                common = common with { AutosshPath = Value() };
                break;
            default:
                return false;
        }
        options = (T)common;
        return true;
    }

    /// <summary>--reps: a whole number from 1 to 100.</summary>
    private int Reps()
    {
        var reps = Value();
        if (!int.TryParse(reps, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 100)
            throw new BadOptionException($"--reps \"{reps}\" is not a whole number from 1 to 100");
        return n;
    }

    /// <summary>--keepers: a comma-separated list of <see cref="KeeperKinds.Accepted"/>, each once.</summary>
    private IReadOnlyList<KeeperKind> Keepers()
    {
        var keepers = new List<KeeperKind>();
        foreach (var id in Items(Value()))
        {
            if (KeeperKinds.Parse(id) is not { } kind) throw new BadOptionException($"--keepers: unknown keeper \"{id}\"; expected {KeeperKinds.Accepted}");
            if (!keepers.Contains(kind)) keepers.Add(kind);
        }
        if (keepers.Count == 0) throw new BadOptionException($"--keepers is empty; expected {KeeperKinds.Accepted}");
        return keepers;
    }

    public static IEnumerable<string> Items(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

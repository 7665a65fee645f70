using System.Reflection;
using SshKeep.Daemon;
using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Compat;

/// <summary><c>-f</c> (docs/autossh-rules.md R80) without fork(), which a multi-threaded runtime cannot do.
/// <see cref="EnvironmentVariable"/> tells the copy when the caller started (R67); ssh must not inherit it.</summary>
internal static class Detacher
{
    public const string EnvironmentVariable = "SSHKEEP_DETACHED";

    public static bool IsDetachedChild(IReadOnlyDictionary<string, string> environment, out long parentStartUnixSeconds)
    {
        parentStartUnixSeconds = 0;
        return environment.TryGetValue(EnvironmentVariable, out string? value)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parentStartUnixSeconds);
    }

    /// <summary>With <paramref name="argv0"/> (R70).</summary>
    public static bool TrySpawnDetachedCopy(string argv0, IReadOnlyList<string> arguments, string? pathVariable,
        DateTimeOffset parentStart, [NotNullWhen(false)] out string? error)
    {
        string? processPath = Environment.ProcessPath;
        if (processPath is null)
        {
            error = "run as daemon failed: cannot find the path of this program";
            return false;
        }
        var (file, leading) = SelfCommand(processPath, EntryAssemblyPath());
        if (leading.Count == 0) file = CalledPath(argv0, processPath, name => ProgramSearch.FindTool(name, pathVariable), InstanceKey.Canonicalize) ?? file;
        return TrySpawnDetached(file, [argv0, .. leading, .. arguments], parentStart.ToUnixTimeSeconds(), out _, out error);
    }

    /// <summary>The file argv[0] names, when it leads to this program: the copy is then named <c>autossh</c> from its
    /// first instruction (docs/compatibility.md, "The process, as scripts see it").</summary>
    internal static string? CalledPath(string argv0, string processPath, Func<string, string?> findExecutable,
        Func<string, string> resolveLinks)
    {
        if (argv0.Length == 0 || ProcessName.ProgName(argv0) == ProcessName.ProgName(processPath)) return null;
        // Absolute: the copy starts in "/" (a relative PATH entry such as "." would resolve there).
        return findExecutable(argv0) is { } candidate && resolveLinks(candidate) == resolveLinks(processPath) ? Path.GetFullPath(candidate) : null;
    }

    /// <summary>Not <c>Assembly.Location</c>, empty in a single-file or Native AOT build.</summary>
    internal static string? EntryAssemblyPath() =>
        Assembly.GetEntryAssembly()?.GetName().Name is { Length: > 0 } name ? Path.Combine(AppContext.BaseDirectory, name + ".dll") : null;

    internal static (string File, IReadOnlyList<string> LeadingArguments) SelfCommand(string processPath, string? entryAssemblyPath)
    {
        bool isDotnetHost = Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        return (processPath, isDotnetHost && !string.IsNullOrEmpty(entryAssemblyPath) ? [entryAssemblyPath] : []);
    }

    internal static bool TrySpawnDetached(string file, IReadOnlyList<string> argv, long parentStartUnixSeconds,
        out int pid, [NotNullWhen(false)] out string? error)
    {
        var environment = PosixSpawn.EnvironmentWith(new Dictionary<string, string?>
        {
            [EnvironmentVariable] = parentStartUnixSeconds.ToString(CultureInfo.InvariantCulture),
        });
        var request = new SpawnRequest(file, argv, environment)
        {
            NewSession = true,
            StandardStreamsToDevNull = true,
            WorkingDirectory = "/",
        };
        if (PosixSpawn.TrySpawn(request, out pid, out int errno))
        {
            error = null;
            return true;
        }
        error = $"run as daemon failed: {LibC.StrError(errno)}";
        return false;
    }
}

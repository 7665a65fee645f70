using System.Reflection;
using SshKeep.Daemon;
using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Compat;

/// <summary>
/// <c>-f</c> (R80) without fork(), which a multi-threaded runtime cannot do: the foreground process
/// starts a copy of itself in a new session, fds 0–2 on /dev/null, cwd "/" (what daemon(0,0) gives
/// autossh), and exits 0. <see cref="EnvironmentVariable"/> tells the copy it is the detached one and
/// when the caller started (MAXLIFETIME keeps counting, R67); ssh must not inherit it.
/// </summary>
internal static class Detacher
{
    public const string EnvironmentVariable = "SSHKEEP_DETACHED";

    /// <summary>True in the copy started by <see cref="TrySpawnDetachedCopy"/>; gives the foreground start time.</summary>
    public static bool IsDetachedChild(IReadOnlyDictionary<string, string> environment, out long parentStartUnixSeconds)
    {
        parentStartUnixSeconds = 0;
        return environment.TryGetValue(EnvironmentVariable, out string? value)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parentStartUnixSeconds);
    }

    /// <summary>Starts the detached copy with <paramref name="argv0"/> (R70) and <paramref name="arguments"/>;
    /// on failure, autossh's <c>run as daemon failed: &lt;reason&gt;</c>.</summary>
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

    /// <summary>The file the caller ran us by (argv[0] as a path, or found in PATH) when it leads to this program, so
    /// the copy is named <c>autossh</c> from its first instruction (docs/compatibility.md, process name); else null.</summary>
    internal static string? CalledPath(string argv0, string processPath, Func<string, string?> findExecutable,
        Func<string, string> resolveLinks)
    {
        if (argv0.Length == 0 || ProcessName.ProgName(argv0) == ProcessName.ProgName(processPath)) return null;
        // Absolute: the copy starts in "/" (a relative PATH entry such as "." would resolve there).
        return findExecutable(argv0) is { } candidate && resolveLinks(candidate) == resolveLinks(processPath) ? Path.GetFullPath(candidate) : null;
    }

    /// <summary>The app's dll beside the app, for running it again under the dotnet host (not
    /// <c>Assembly.Location</c>, empty in a single-file or Native AOT build).</summary>
    internal static string? EntryAssemblyPath() =>
        Assembly.GetEntryAssembly()?.GetName().Name is { Length: > 0 } name ? Path.Combine(AppContext.BaseDirectory, name + ".dll") : null;

    /// <summary>How to run this program again: under the dotnet host the app's dll comes first.</summary>
    internal static (string File, IReadOnlyList<string> LeadingArguments) SelfCommand(string processPath, string? entryAssemblyPath)
    {
        bool isDotnetHost = Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        return (processPath, isDotnetHost && !string.IsNullOrEmpty(entryAssemblyPath) ? [entryAssemblyPath] : []);
    }

    /// <summary>The spawn itself, for any program (tests run /bin/sh through it).</summary>
    internal static bool TrySpawnDetached(string file, IReadOnlyList<string> argv, long parentStartUnixSeconds,
        out int pid, [NotNullWhen(false)] out string? error)
    {
        var environment = PosixSpawn.CurrentEnvironmentWith(new Dictionary<string, string?>
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

using System.Globalization;
using System.Reflection;
using SshKeep.Daemon;
using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Compat;

/// <summary>
/// <c>-f</c> (R80) without fork(): the foreground process starts a copy of itself in a new
/// session, with fds 0–2 on /dev/null and cwd "/" — what daemon(0,0) gives autossh — and then
/// exits 0. fork() is not an option in a multi-threaded runtime; re-running ourselves is.
/// </summary>
/// <remarks>
/// The copy learns it is the detached one from <see cref="EnvironmentVariable"/>, which also
/// carries when the foreground process started (so MAXLIFETIME, measured from reading the
/// environment, R67, keeps counting from the first start). The supervisor must remove the
/// variable from ssh's environment. The copy is a child of the foreground process only until that
/// exits a moment later; init (or a subreaper) then adopts and reaps it.
/// </remarks>
internal static class Detacher
{
    public const string EnvironmentVariable = "SSHKEEP_DETACHED";

    /// <summary>True in the copy started by <see cref="TrySpawnDetachedCopy"/>; gives the foreground start time.</summary>
    public static bool IsDetachedChild(IReadOnlyDictionary<string, string> environment, out long parentStartUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(environment);
        parentStartUnixSeconds = 0;
        return environment.TryGetValue(EnvironmentVariable, out string? value)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parentStartUnixSeconds);
    }

    /// <summary>
    /// Starts the detached copy of this program with <paramref name="argv0"/> as its argv[0] (the name
    /// we were called by, R70) and <paramref name="arguments"/> after it. On failure returns false and
    /// autossh's message, <c>run as daemon failed: &lt;reason&gt;</c>.
    /// </summary>
    public static bool TrySpawnDetachedCopy(string argv0, IReadOnlyList<string> arguments, string? pathVariable, DateTimeOffset parentStart,
        out int pid, out string? error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string? processPath = Environment.ProcessPath;
        if (processPath is null)
        {
            (pid, error) = (0, "run as daemon failed: cannot find the path of this program");
            return false;
        }
        var (file, leading) = SelfCommand(processPath, EntryAssemblyPath());
        if (leading.Count == 0) file = CalledPath(argv0, processPath, name => ProgramSearch.FindTool(name, pathVariable), InstanceKey.Canonicalize) ?? file;
        return TrySpawnDetached(file, [argv0, .. leading, .. arguments], parentStart.ToUnixTimeSeconds(), out pid, out error);
    }

    /// <summary>
    /// The file the caller ran us by (argv[0] as a path, or looked up in PATH as the shell did),
    /// when it leads to this program (<paramref name="processPath"/>, symlinks resolved); else null.
    /// The kernel names a process after the file name it was exec'd by, so running the copy
    /// through the <c>autossh</c> symlink names it <c>autossh</c> from its first instruction, and
    /// <c>killall autossh</c> finds it even right after <c>-f</c> returned (docs/compatibility.md,
    /// process name). Started through the real path it would be <c>sshkeep</c> until it renamed
    /// itself.
    /// </summary>
    internal static string? CalledPath(string argv0, string processPath, Func<string, string?> findExecutable,
        Func<string, string> resolveLinks)
    {
        ArgumentNullException.ThrowIfNull(argv0);
        ArgumentNullException.ThrowIfNull(findExecutable);
        ArgumentNullException.ThrowIfNull(resolveLinks);
        if (argv0.Length == 0 || ProcessName.ProgName(argv0) == ProcessName.ProgName(processPath)) return null;
        // Absolute: the copy starts in "/" (a relative PATH entry such as "." would resolve there).
        return findExecutable(argv0) is { } candidate && resolveLinks(candidate) == resolveLinks(processPath) ? Path.GetFullPath(candidate) : null;
    }

    /// <summary>
    /// The app's dll, for running it again under the dotnet host: beside the app, named after the
    /// entry assembly. Not <c>Assembly.Location</c>, which a single-file or Native AOT build leaves
    /// empty (and warns about); those never run under the dotnet host anyway.
    /// </summary>
    internal static string? EntryAssemblyPath() =>
        Assembly.GetEntryAssembly()?.GetName().Name is { Length: > 0 } name ? Path.Combine(AppContext.BaseDirectory, name + ".dll") : null;

    /// <summary>
    /// How to run this program again: the apphost runs as itself; under the dotnet host
    /// (<c>dotnet sshkeep.dll</c>) the app's dll must come first.
    /// </summary>
    internal static (string File, IReadOnlyList<string> LeadingArguments) SelfCommand(string processPath, string? entryAssemblyPath)
    {
        bool isDotnetHost = Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        return isDotnetHost && !string.IsNullOrEmpty(entryAssemblyPath)
            ? (processPath, [entryAssemblyPath])
            : (processPath, []);
    }

    /// <summary>The spawn itself, for any program (tests run /bin/sh through it).</summary>
    internal static bool TrySpawnDetached(string file, IReadOnlyList<string> argv, long parentStartUnixSeconds,
        out int pid, out string? error)
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

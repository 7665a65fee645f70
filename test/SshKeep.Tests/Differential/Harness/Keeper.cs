namespace SshKeep.Tests.Differential.Harness;

/// <summary>A program that supervises ssh the autossh way: the real autossh, or sshkeep.</summary>
public abstract class Keeper
{
    public abstract string Name { get; }

    /// <summary>autossh installs its HUP/USR1/… handlers only while it watches a child (R71, R74);
    /// the harness uses that to know when autossh sits in a back-off wait.</summary>
    public abstract bool HandlesSignalsOnlyWhileWatching { get; }

    /// <summary>The path to execute (argv[0]); may create a symlink in the run directory.</summary>
    public abstract string ExecutablePath(DifferentialCase c, string runDir);

    protected static string Link(string target, string runDir, string name)
    {
        var path = Path.Combine(runDir, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    public override string ToString() => Name;
}

/// <summary>Debian's autossh 1.4g: the C binary, or the wrapper for random-port cases (R3).</summary>
public sealed class RealAutossh : Keeper
{
    public const string Binary = "/usr/lib/autossh/autossh";
    public const string Wrapper = "/usr/bin/autossh";

    public override string Name => "autossh";

    public override bool HandlesSignalsOnlyWhileWatching => true;

    public override string ExecutablePath(DifferentialCase c, string runDir) => c.How switch
    {
        Invocation.Wrapper => Wrapper,
        Invocation.Symlink => Link(Binary, runDir, c.SymlinkName ?? "autossh"),
        _ => Binary,
    };

    public static bool Installed => File.Exists(Binary) && File.Exists(Wrapper);
}

/// <summary>sshkeep's apphost, in compatibility mode (it replaces both the wrapper and the binary).</summary>
public sealed class Sshkeep : Keeper
{
    private readonly string _apphost;

    public Sshkeep(string apphost) => _apphost = apphost;

    public override string Name => "sshkeep";

    public override bool HandlesSignalsOnlyWhileWatching => false;

    public override string ExecutablePath(DifferentialCase c, string runDir) => c.How switch
    {
        Invocation.Symlink => Link(_apphost, runDir, c.SymlinkName ?? "sshkeep"),
        _ => _apphost,
    };

    /// <summary>
    /// DIFF_SSHKEEP if set (e.g. the autossh-standin self-check), else the apphost next to the
    /// tests (the ProjectReference copies it there), else the one in src/SshKeep/bin/&lt;Configuration&gt;/net10.0.
    /// </summary>
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable("DIFF_SSHKEEP") is { Length: > 0 } chosen) return Path.GetFullPath(chosen);
        var beside = Path.Combine(AppContext.BaseDirectory, "sshkeep");
        if (File.Exists(beside)) return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "src", "SshKeep", "bin");
            if (!Directory.Exists(bin)) continue;
            var found = new[] { "Debug", "Release" }
                .Select(conf => Path.Combine(bin, conf, "net10.0", "sshkeep"))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault();
            if (found is not null) return found;
        }
        throw new FileNotFoundException("sshkeep apphost not found; run `dotnet build` first", beside);
    }
}

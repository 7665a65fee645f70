using System.Globalization;
using System.Text.RegularExpressions;
using SshKeep.Demo;

namespace SshKeep.Tests.Integration;

/// <summary>
/// The real sshkeep binary (the apphost built next to the tests) run in compatibility mode with a
/// private log file, so a test can follow what it did: which ssh it started, what it saw.
/// </summary>
internal sealed partial class SshkeepUnderTest : IAsyncDisposable
{
    private readonly BackgroundProcess _process;
    private readonly string _directory;

    private SshkeepUnderTest(BackgroundProcess process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>The apphost built next to the tests, or the program <c>SSHKEEP_TEST_BINARY</c> names:
    /// test.sh runs the end-to-end tests a second time against the Native AOT build that way.</summary>
    public static string BinaryPath =>
        Environment.GetEnvironmentVariable("SSHKEEP_TEST_BINARY") is { Length: > 0 } other ? other : Path.Combine(AppContext.BaseDirectory, "sshkeep");

    /// <summary>
    /// A copy of the binary (the files beside it: the apphost, its dll and its dependencies, about
    /// 8 MB; or the one Native AOT file) in <paramref name="folder"/>, for a test that runs it as
    /// another account: the checkout may sit under a directory only root can enter (a clone into
    /// <c>mktemp -d</c> is 0700), where the apphost as another user cannot even find itself.
    /// </summary>
    public static string CopyForAnotherAccount(string folder) => CopyTo(Path.Combine(folder, "bin"));

    /// <summary>Copies the binary and the files beside it (but debug symbols) into <paramref name="folder"/> (made 0755
    /// if missing); returns the copy's path.</summary>
    public static string CopyTo(string folder)
    {
        var bin = Directory.CreateDirectory(folder);
        File.SetUnixFileMode(bin.FullName, (UnixFileMode)0x1ED /* 0755 */);
        // Not the Native AOT build's debug symbols (sshkeep.dbg, twice the binary): nothing runs them.
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(BinaryPath)!).Where(f => !f.EndsWith(".dbg", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(bin.FullName, Path.GetFileName(file)), overwrite: true);
        }
        return Path.Combine(bin.FullName, Path.GetFileName(BinaryPath));
    }

    public int Pid => _process.Pid;

    public Task<int> Exited => _process.Exited;

    public string LogPath => Path.Combine(_directory, "sshkeep.log");

    public static SshkeepUnderTest Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var directory = Directory.CreateTempSubdirectory("sshkeep-it-").FullName;
        var env = new Dictionary<string, string?>
        {
            ["AUTOSSH_LOGFILE"] = Path.Combine(directory, "sshkeep.log"),
            ["AUTOSSH_DEBUG"] = "1",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) env[key] = value;
        return new SshkeepUnderTest(BackgroundProcess.Start(BinaryPath, arguments, env), directory);
    }

    public IReadOnlyList<string> LogLines()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Every ssh child pid it reported ("ssh child pid is N"), in order.</summary>
    public IReadOnlyList<int> ChildPids() =>
        [.. LogLines().Select(l => ChildPidLine().Match(l)).Where(m => m.Success)
                      .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    public bool Logged(string text) => LogLines().Any(l => l.Contains(text, StringComparison.Ordinal));

    public bool Signal(int signal) => _process.Signal(signal);

    public string Describe() => $"sshkeep log:\n{string.Join('\n', LogLines())}\nstderr:\n{_process.StandardError}";

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

    [GeneratedRegex(@"ssh child pid is (\d+)$")]
    private static partial Regex ChildPidLine();
}

using System.Text.Json;
using SshKeep.Daemon;
using SshKeep.Demo;
using SshKeep.Tests.Integration;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Security;

/// <summary>
/// The real <c>sshkeep up</c> on a tunnels file of the test's, with its own run directory, asked
/// through its own CLI (the same building blocks as Integration/DaemonModeAgainstSshdTests).
/// Stopped with SIGTERM and its directory removed on dispose.
/// </summary>
internal sealed class DaemonUnderTest : IAsyncDisposable
{
    private readonly BackgroundProcess _process;

    private DaemonUnderTest(string directory, BackgroundProcess process)
    {
        Directory = directory;
        _process = process;
    }

    /// <summary>Holds tunnels.yaml and run/.</summary>
    public string Directory { get; }

    public string ConfigPath => System.IO.Path.Combine(Directory, "tunnels.yaml");

    public string RunDirectory => System.IO.Path.Combine(Directory, "run");

    /// <summary>The lock, status and socket paths the daemon uses.</summary>
    public InstancePaths Paths => SshKeep.Daemon.RunDirectory.Resolve(RunDirectory, null, 0).For(ConfigPath);

    public int Pid => _process.Pid;

    public Task<int> Exited => _process.Exited;

    public string StandardError => _process.StandardError;

    /// <summary>Writes <paramref name="yaml"/> as the tunnels file and starts <c>sshkeep up</c> on it.
    /// <paramref name="prepare"/> runs before the start (to plant files in the run directory).</summary>
    public static DaemonUnderTest Start(string yaml, IReadOnlyDictionary<string, string?>? environment = null,
        Action<DaemonUnderTest>? prepare = null, bool createRunDirectory = false, IReadOnlyList<string>? upArguments = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("sshkeep-sec-").FullName;
        File.WriteAllText(System.IO.Path.Combine(directory, "tunnels.yaml"), yaml);
        if (createRunDirectory) System.IO.Directory.CreateDirectory(System.IO.Path.Combine(directory, "run"));
        var env = new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = null, ["WATCHDOG_USEC"] = null, ["JOURNAL_STREAM"] = null };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) env[name] = value;
        var unstarted = new DaemonUnderTest(directory, null!);
        prepare?.Invoke(unstarted);
        var process = BackgroundProcess.Start(SshkeepUnderTest.BinaryPath,
            ["up", "-c", unstarted.ConfigPath, "--run-dir", unstarted.RunDirectory, .. upArguments ?? []], env);
        return new DaemonUnderTest(directory, process);
    }

    /// <summary>Runs <c>sshkeep VERB [args] -c FILE --run-dir DIR</c>.</summary>
    public Task<ProcessResult> CliAsync(params string[] verbAndArguments) =>
        Run.ProgramAsync(SshkeepUnderTest.BinaryPath, [.. verbAndArguments, "-c", ConfigPath, "--run-dir", RunDirectory], TimeSpan.FromSeconds(30));

    /// <summary>Each tunnel's status element from <c>status --json</c> (empty while the daemon is not answering).</summary>
    public async Task<JsonElement[]> TunnelsAsync()
    {
        var result = await CliAsync("status", "--json");
        if (result.StandardOutput.Trim().Length == 0) return [];
        using var document = JsonDocument.Parse(result.StandardOutput);
        return [.. document.RootElement.GetProperty("tunnels").EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Waits until the control socket answers.</summary>
    public Task AnsweringAsync() => Eventually.WaitUntilAsync(async () =>
    {
        if (_process.HasExited) throw new InvalidOperationException($"sshkeep up exited with {await _process.Exited}:\n{_process.StandardError}");
        return (await TunnelsAsync()).Length > 0;
    }, () => $"sshkeep up to answer status; it said:\n{_process.StandardError}", TimeSpan.FromSeconds(60));

    public Task<int> StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(10));

    /// <summary>Sends a signal to the daemon (by its pid, while it runs).</summary>
    public bool Signal(int signal) => _process.Signal(signal);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}

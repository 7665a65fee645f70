using System.Text.Json;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Integration;

/// <summary>A running `sshkeep up` of a <see cref="DaemonWorld"/>, asked through its own CLI.</summary>
internal sealed class RunningDaemon(DaemonWorld world, BackgroundProcess process) : IAsyncDisposable
{
    public int Pid => process.Pid;

    /// <summary>Everything the daemon logged so far (it logs to stderr).</summary>
    public string Log => process.StandardError;

    public bool Signal(int signal) => process.Signal(signal);

    public async Task<int> ExitedAsync() => await process.Exited.WaitAsync(DaemonWorld.Generous);

    /// <summary>Runs `sshkeep VERB [ARGS…] -c CONFIG --run-dir DIR`, e.g. <c>CliAsync("restart", "db")</c>.</summary>
    public Task<ProcessResult> CliAsync(string verb, params string[] arguments) =>
        Run.ProgramAsync(SshkeepUnderTest.BinaryPath, [verb, .. arguments, "-c", world.ConfigPath, "--run-dir", world.RunDirectory]);

    /// <summary>The "tunnels" of `sshkeep status --json`; empty while the daemon does not answer yet.</summary>
    public async Task<JsonElement[]> StatusAsync()
    {
        var result = await Run.ProgramAsync(SshkeepUnderTest.BinaryPath, ["status", "--json", "-c", world.ConfigPath, "--run-dir", world.RunDirectory]);
        if (result.StandardOutput.Trim().Length == 0) return [];
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return [.. doc.RootElement.GetProperty("tunnels").EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>One tunnel's entry of `sshkeep status --json`, or null when there is none (yet).</summary>
    public async Task<JsonElement?> TunnelAsync(string name) =>
        (await StatusAsync()).Where(t => t.GetProperty("name").GetString() == name).Cast<JsonElement?>().FirstOrDefault();

    public async Task<Dictionary<string, int>> PidsAsync() =>
        (await StatusAsync()).Where(t => t.GetProperty("pid").ValueKind == JsonValueKind.Number)
                             .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("pid").GetInt32());

    public async Task<string?> StateAsync(string name) => (await TunnelAsync(name))?.GetProperty("state").GetString();

    public Task AllUpAsync(string[] names) => Eventually.WaitUntilAsync(async () =>
    {
        var tunnels = await StatusAsync();
        return names.All(n => tunnels.Any(t => t.GetProperty("name").GetString() == n && t.GetProperty("state").GetString() == "up"));
    }, () => $"{string.Join(", ", names)} to be up; the daemon said:\n{process.StandardError}", TimeSpan.FromSeconds(60));

    public ValueTask DisposeAsync() => process.DisposeAsync();
}

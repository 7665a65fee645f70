using System.Globalization;
using Xunit.Abstractions;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>
/// Runs every case of one table as soon as the test class starts, several at a time, so the
/// class takes about as long as its slowest case; each test then awaits its own case.
/// Switches: DIFF_ONLY_AUTOSSH=1 runs only the autossh side (to validate the expectations);
/// DIFF_KEEP_DIRS=1 keeps the run directories under /tmp/kdiff-*; DIFF_REPORT_DIR=dir writes
/// one report per case there; DIFF_PARALLEL=n sets how many cases run at once (default 6).
/// </summary>
public abstract class DifferentialFixture : IDisposable
{
    private readonly Dictionary<string, Lazy<Task<CaseResult>>> _results;
    private readonly CancellationTokenSource _cts = new();
    private readonly SemaphoreSlim _slots;
    private readonly string _baseDir;

    protected DifferentialFixture(IReadOnlyList<DifferentialCase> cases, int portBand)
    {
        Cases = cases;
        OnlyAutossh = Environment.GetEnvironmentVariable("DIFF_ONLY_AUTOSSH") == "1";
        ReportDirectory = Environment.GetEnvironmentVariable("DIFF_REPORT_DIR") is { Length: > 0 } r ? r : null;
        var parallel = int.TryParse(Environment.GetEnvironmentVariable("DIFF_PARALLEL"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 6;
        _slots = new SemaphoreSlim(parallel);
        // Every running case polls files and /proc every 20 ms; on 2 cores the thread pool starts
        // with 2 threads and grows slowly, which delays the scripts' reactions by up to a second.
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < 32) ThreadPool.SetMinThreads(32, Math.Max(io, 32));
        // The path holds neither "autossh" nor "sshkeep", which the normaliser treats as program names.
        _baseDir = Path.Combine(Path.GetTempPath(), $"kdiff-{Environment.ProcessId}-{GetType().Name}");
        Directory.CreateDirectory(_baseDir);

        var recorder = Path.Combine(AppContext.BaseDirectory, "Differential", "fake-ssh-recorder");
        var env = new RunEnvironment(_baseDir, recorder, new PortPool(portBand),
            Environment.GetEnvironmentVariable("DIFF_KEEP_DIRS") == "1");
        Keeper? sshkeep = OnlyAutossh ? null : new Sshkeep(Sshkeep.Locate());
        var runner = new CaseRunner(env, new RealAutossh(), sshkeep);

        _results = cases.ToDictionary(c => c.Name, c => new Lazy<Task<CaseResult>>(() => RunAsync(runner, c)));
        if (File.Exists(recorder) && RealAutossh.Installed)
        {
            foreach (var lazy in _results.Values) _ = lazy.Value;
        }
    }

    public IReadOnlyList<DifferentialCase> Cases { get; }

    public bool OnlyAutossh { get; }

    public string? ReportDirectory { get; }

    public static TheoryData<string> Names(IEnumerable<DifferentialCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (var c in cases) data.Add(c.Name);
        return data;
    }

    private async Task<CaseResult> RunAsync(CaseRunner runner, DifferentialCase c)
    {
        await _slots.WaitAsync(_cts.Token).ConfigureAwait(false);
        try
        {
            return await runner.RunAsync(c, _cts.Token).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Awaits the case and fails the test with the full report if anything differs.</summary>
    public async Task VerifyAsync(string name, ITestOutputHelper output)
    {
        Assert.True(RealAutossh.Installed, $"Debian's autossh is needed: {RealAutossh.Binary} and {RealAutossh.Wrapper}");
        var result = await _results[name].Value.ConfigureAwait(false);
        var report = result.Report();
        output.WriteLine(report);
        if (ReportDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, string.Concat(name.Select(ch => char.IsLetterOrDigit(ch) ? ch : '_')) + ".txt");
            await File.WriteAllTextAsync(file, (result.Failures.Count == 0 ? "PASS\n" : "FAIL\n") + report).ConfigureAwait(false);
        }
        if (result.Failures.Count > 0) Assert.Fail(report);
    }

    public void Dispose()
    {
        // Let running cases finish their own cleanup (they kill what they started).
        try
        {
            Task.WhenAll(_results.Values.Where(l => l.IsValueCreated).Select(l => l.Value)).Wait(TimeSpan.FromSeconds(60));
        }
        catch (AggregateException) { }
        _cts.Cancel();
        _cts.Dispose();
        _slots.Dispose();
        if (Environment.GetEnvironmentVariable("DIFF_KEEP_DIRS") != "1")
        {
            try { Directory.Delete(_baseDir, recursive: true); }
            catch (IOException) { }
        }
        GC.SuppressFinalize(this);
    }
}

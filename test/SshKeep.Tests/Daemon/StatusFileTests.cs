using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using SshKeep.Daemon;
using SshKeep.Supervision;
using SshKeep.Tests.Cli;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;


namespace SshKeep.Tests.Daemon;

/// <summary>status.json's format (locked by Golden/status.json) and its atomic write.</summary>
public sealed class StatusFileTests
{
    /// <summary>As the daemon writes it; the file goes when the store is disposed.</summary>
    private static StatusStore Write(string path, StatusSnapshot snapshot)
    {
        Assert.True(StatusStore.TryCreate(path, snapshot.Daemon, new ManualTimeProvider(snapshot.UpdatedAt), NullLogger.Instance,
            out var store, out string? error), error);
        store.SetAll(snapshot.Tunnels);
        return store;
    }

    private static string GoldenPath([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden", "status.json");

    [Fact]
    public void Status_file_format_matches_the_golden_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");
        using var store = Write(path, StatusSamples.Snapshot);

        GoldenFile.AssertMatches(GoldenPath(), File.ReadAllText(path));
    }

    [Fact]
    public void Golden_status_file_reads_back_to_the_same_snapshot()
    {
        Assert.True(StatusFileReader.TryRead(GoldenPath(), out var snapshot, out string? error), error);

        Assert.Equal(StatusSamples.Snapshot.Daemon, snapshot.Daemon);
        Assert.Equal(StatusSamples.Snapshot.UpdatedAt, snapshot.UpdatedAt);
        Assert.Equal(StatusSamples.Snapshot.Tunnels, snapshot.Tunnels);
    }

    [Fact]
    public void Instants_are_written_in_utc_with_a_z_whatever_their_offset()
    {
        var snapshot = StatusSamples.Snapshot with { UpdatedAt = new DateTimeOffset(2026, 11, 22, 10, 30, 0, 123, TimeSpan.FromHours(2)) };
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");

        using var store = Write(path, snapshot);

        string written = File.ReadAllText(path);

        Assert.Contains("\"updatedAt\": \"2026-11-22T08:30:00.123Z\"", written);
    }

    [Fact]
    public void Fields_a_newer_daemon_adds_are_skipped_by_the_reader()
    {
        string json = """
            {"daemon":{"pid":1,"configPath":"/c.yaml","startedAt":"2026-11-22T08:00:00.000Z","version":"9","host":"x"},
             "updatedAt":"2026-11-22T08:00:00Z","tunnels":[{"name":"a","state":"up","since":"2026-11-22T08:00:00Z","probe":{"ms":3}}],"extra":1}
            """;

        Assert.True(StatusFileReader.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out var snapshot, out string? error), error);

        Assert.Equal(TunnelState.Up, Assert.Single(snapshot.Tunnels).State);
    }

    [Theory]
    [InlineData("", "not a status snapshot")]
    [InlineData("null", "not a status snapshot: null")]
    [InlineData("{\"daemon\":null}", "not a status snapshot")]
    [InlineData("{\"daemon\":{\"pid\":1,\"configPath\":\"/c\",\"startedAt\":\"x\",\"version\":\"1\"},\"updatedAt\":\"2026-11-22T08:00:00Z\",\"tunnels\":[]}", "is not an ISO-8601 time")]
    [InlineData("{\"daemon\":{\"pid\":1,\"configPath\":\"/c\",\"startedAt\":\"2026-11-22T08:00:00Z\",\"version\":\"1\"},\"updatedAt\":\"2026-11-22T08:00:00Z\",\"tunnels\":[{\"name\":\"a\",\"state\":\"Up\",\"since\":\"2026-11-22T08:00:00Z\"}]}", "\"Up\" is not a tunnel state")]
    public void What_is_not_a_snapshot_is_an_error_value(string json, string errorPart)
    {
        Assert.False(StatusFileReader.TryParse(System.Text.Encoding.UTF8.GetBytes(json), out var snapshot, out string? error));

        Assert.Null(snapshot);
        Assert.Contains(errorPart, error);
    }

    [Fact]
    public void A_missing_file_is_an_error_value()
    {
        using var temp = new TempDirectory();

        Assert.False(StatusFileReader.TryRead(temp.File("status-x.json"), out _, out string? error));

        Assert.StartsWith($"cannot read \"{temp.File("status-x.json")}\": ", error);
    }

    [Fact]
    public void Status_file_is_readable_by_everyone_whatever_was_there_before()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using var store = Write(path, StatusSamples.Snapshot);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_symlink_at_the_status_path_is_replaced_not_followed()
    {
        using var temp = new TempDirectory();
        string target = temp.File("precious");
        File.WriteAllText(target, "keep me\n");
        string path = temp.File("status-x.json");
        File.CreateSymbolicLink(path, target);

        using var store = Write(path, StatusSamples.Snapshot);

        Assert.Equal("keep me\n", File.ReadAllText(target));
        Assert.Null(new FileInfo(path).LinkTarget);
        Assert.True(StatusFileReader.TryRead(path, out _, out string? error), error);
    }

    [Fact]
    public void A_write_leaves_no_temporary_file_behind()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");

        using var store = Write(path, StatusSamples.Snapshot);
        store.SetAll([.. StatusSamples.Snapshot.Tunnels.Take(1)]);

        Assert.Equal(["status-x.json"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_says_what_failed_and_leaves_the_old_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");
        using var store = Write(path, StatusSamples.Snapshot);
        // rename(2) cannot put a file where a non-empty directory is; the temporary file must go.
        string blocked = temp.File("blocked.json");
        Directory.CreateDirectory(Path.Combine(blocked, "inside"));

        Assert.False(StatusStore.TryCreate(blocked, StatusSamples.Daemon, TimeProvider.System, NullLogger.Instance, out _, out string? error));

        Assert.StartsWith($"cannot write \"{blocked}\": rename: ", error);
        Assert.Equal(["blocked.json", "status-x.json"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Readers_never_see_a_partial_file_while_it_is_rewritten_many_times()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");
        using var store = Write(path, StatusSamples.Snapshot);
        using var stop = new CancellationTokenSource();
        int reads = 0;
        var failures = new List<string>();

        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Raw bytes, so a torn or empty file would show, not be hidden by a retry.
                if (!StatusFileReader.TryParse(File.ReadAllBytes(path), out _, out string? error)) failures.Add(error);
                Interlocked.Increment(ref reads);
            }
        });
        // The reader must really run alongside the writes (on a loaded machine Task.Run may start
        // late): wait for its first read, and keep writing until it has read a good many times.
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref reads) > 0, "the reader to start");
        for (int i = 0; i < 500 || (Volatile.Read(ref reads) < 200 && i < 50_000); i++)
        {
            // Sizes vary, so a reader catching a half-written file would see broken JSON.
            var tunnels = StatusSamples.Snapshot.Tunnels.Take(1 + i % 6).Select(t => t with { Restarts = i }).ToList();
            store.SetAll(tunnels);
        }
        await stop.CancelAsync();
        await reader;

        Assert.Empty(failures);
        Assert.True(reads > 0);
    }
}

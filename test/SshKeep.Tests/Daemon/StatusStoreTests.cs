using Microsoft.Extensions.Logging.Abstractions;
using SshKeep.Daemon;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Daemon;

public sealed class StatusStoreTests
{
    private readonly ManualTimeProvider _clock = new(StatusSamples.Now);

    [Fact]
    public void Creating_the_store_writes_the_daemon_and_no_tunnels()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");

        using var store = Create(path);

        var written = Read(path);
        Assert.Equal(StatusSamples.Daemon, written.Daemon);
        Assert.Equal(StatusSamples.Now, written.UpdatedAt);
        Assert.Empty(written.Tunnels);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Every_list_is_written_at_once_in_its_order()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");
        using var store = Create(path);
        var web = StatusSamples.Snapshot.Tunnels[0];
        var db = StatusSamples.Snapshot.Tunnels[1];

        store.SetAll([web]);
        store.SetAll([web, db]);
        _clock.Advance(5);
        store.SetAll([web with { State = TunnelState.Backoff, Since = _clock.GetUtcNow(), UpSince = null }, db]);

        var written = Read(path);
        Assert.Equal(["web", "db"], written.Tunnels.Select(t => t.Name));
        Assert.Equal(TunnelState.Backoff, written.Tunnels[0].State);
        Assert.Equal(_clock.GetUtcNow(), written.UpdatedAt);
        Assert.Equal(written.Tunnels, store.Snapshot.Tunnels);
    }

    [Fact]
    public void An_update_that_changes_nothing_writes_nothing()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");
        using var store = Create(path);
        store.SetAll([StatusSamples.Snapshot.Tunnels[0]]);
        _clock.Advance(60);

        store.SetAll([StatusSamples.Snapshot.Tunnels[0] with { }]);

        Assert.Equal(StatusSamples.Now, Read(path).UpdatedAt);
        Assert.Equal(StatusSamples.Now, store.Snapshot.UpdatedAt);
    }

    [Fact]
    public void A_new_list_replaces_the_old_one()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");
        using var store = Create(path);
        store.SetAll(StatusSamples.Snapshot.Tunnels);

        store.SetAll([StatusSamples.Snapshot.Tunnels[2], StatusSamples.Snapshot.Tunnels[0]]);
        store.SetAll([StatusSamples.Snapshot.Tunnels[2]]);

        Assert.Equal(["metrics"], Read(path).Tunnels.Select(t => t.Name));
    }

    [Fact]
    public void Duplicate_names_in_a_whole_list_are_a_programming_error()
    {
        using var temp = new TempDirectory();
        using var store = Create(temp.File("status-x.json"));

        Assert.Throws<ArgumentException>(() => store.SetAll([StatusSamples.Snapshot.Tunnels[0], StatusSamples.Snapshot.Tunnels[0]]));
    }

    [Fact]
    public void A_failing_write_is_logged_once_and_retried_on_the_next_change()
    {
        using var temp = new TempDirectory();
        string directory = temp.File("run");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "status-x.json");
        var logger = new RecordingLogger();
        using var store = Create(path, logger);

        Directory.Delete(directory, recursive: true);
        store.SetAll([.. StatusSamples.Snapshot.Tunnels.Take(1)]);
        store.SetAll([.. StatusSamples.Snapshot.Tunnels.Take(2)]);
        Directory.CreateDirectory(directory);
        store.SetAll([.. StatusSamples.Snapshot.Tunnels.Take(3)]);

        Assert.Contains($"cannot write \"{path}\": cannot create a temporary file: No such file or directory", logger.Entries[0].Message);
        Assert.Equal(3, Read(path).Tunnels.Count);
        Assert.Equal([3000, 3001], logger.EventIds);
    }

    [Fact]
    public void Creating_fails_with_a_value_when_the_directory_is_missing()
    {
        using var temp = new TempDirectory();
        string path = temp.File("missing/status-x.json");

        Assert.False(StatusStore.TryCreate(path, StatusSamples.Daemon, _clock, NullLogger.Instance, out var store, out string? error));

        Assert.Null(store);
        Assert.StartsWith($"cannot write \"{path}\": cannot create a temporary file: ", error);
    }

    [Fact]
    public void Dispose_removes_the_file_and_ignores_later_changes()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");
        var store = Create(path);

        store.Dispose();
        store.SetAll(StatusSamples.Snapshot.Tunnels);
        store.Dispose();

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Temporary_files_left_by_a_killed_daemon_are_removed_at_start()
    {
        using var temp = new TempDirectory();
        string path = temp.File("status-x.json");
        File.WriteAllText(temp.File(".status-x.json.0123456789abcdef.tmp"), "{");
        File.WriteAllText(temp.File(".status-y.json.0123456789abcdef.tmp"), "{"); // another instance's

        using var store = Create(path);

        Assert.Equal([".status-y.json.0123456789abcdef.tmp", "status-x.json"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order());
    }

    private StatusStore Create(string path, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        Assert.True(StatusStore.TryCreate(path, StatusSamples.Daemon, _clock, logger ?? NullLogger.Instance, out var store, out string? error), error);
        return store;
    }

    private static StatusSnapshot Read(string path)
    {
        Assert.True(StatusFileReader.TryRead(path, out var snapshot, out string? error), error);
        return snapshot;
    }
}

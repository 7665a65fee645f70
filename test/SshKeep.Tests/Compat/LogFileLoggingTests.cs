using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SshKeep.Compat;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;
using SshKeep.Tests.Logging;

namespace SshKeep.Tests.Compat;

/// <summary>AUTOSSH_LOGFILE (spec R84): file only, one flushed line per message.</summary>
public sealed class LogFileLoggingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 24, 30, TimeSpan.Zero);

    [Fact]
    public void Line_has_date_time_program_and_pid_and_reaches_the_file_at_once()
    {
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");
        using AutosshLoggerProvider provider = FileProvider(path, new ManualTimeProvider(At), pid: 12877);
        provider.CreateLogger("any").StartingSsh(1);
        // Read while the provider is still open: flushed per line.
        Assert.Equal("2026/11/22 08:24:30 autossh[12877]: starting ssh (count 1)\n", ReadShared(path));
    }

    [Fact]
    public void Timestamp_is_in_the_clock_local_time_zone()
    {
        TimeZoneInfo minusFive = TimeZoneInfo.CreateCustomTimeZone("test-5", TimeSpan.FromHours(-5), "test-5", "test-5");
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");
        using (AutosshLoggerProvider provider = FileProvider(path, new ZonedTimeProvider(At, minusFive), pid: 1))
        {
            provider.CreateLogger("any").PortDown();
        }
        Assert.Equal("2026/11/22 03:24:30 autossh[1]: port down, restarting ssh\n", File.ReadAllText(path));
    }

    [Fact]
    public void Log_file_appends_to_what_is_already_there()
    {
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");
        File.WriteAllText(path, "earlier line\n");
        using (AutosshLoggerProvider provider = FileProvider(path, new ManualTimeProvider(At), pid: 2))
        {
            provider.CreateLogger("any").PortDown();
        }
        Assert.Equal("earlier line\n2026/11/22 08:24:30 autossh[2]: port down, restarting ssh\n", File.ReadAllText(path));
    }

    [Fact]
    public void Lines_continue_at_the_new_end_after_the_file_is_truncated()
    {
        // logrotate's copytruncate: an O_APPEND writer such as autossh starts again at offset 0.
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");
        using AutosshLoggerProvider provider = FileProvider(path, new ManualTimeProvider(At), pid: 3);
        ILogger logger = provider.CreateLogger("any");
        logger.StartingSsh(1);
        File.WriteAllText(path, "");
        logger.StartingSsh(2);
        Assert.Equal("2026/11/22 08:24:30 autossh[3]: starting ssh (count 2)\n", ReadShared(path));
    }

    [Fact]
    public void Message_with_a_line_break_is_written_as_it_is()
    {
        // autossh's "not what I sent" carries the test line's \r\n into the file.
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");
        using (AutosshLoggerProvider provider = FileProvider(path, new ManualTimeProvider(At), pid: 13124))
        {
            provider.CreateLogger("any").NotWhatISent("vm autossh 13124 1 hi\r\n", "VM AUTOSSH 13124 1 HI\r\n");
        }
        Assert.Equal(
            "2026/11/22 08:24:30 autossh[13124]: not what I sent: \"vm autossh 13124 1 hi\r\n\" : \"VM AUTOSSH 13124 1 HI\r\n\"\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Log_file_mode_never_writes_to_syslog_or_stderr_even_with_debug()
    {
        using var dir = new TempDirectory();
        using var syslog = new SyslogListener();
        var stderr = new StringWriter();
        string path = dir.File("autossh.log");
        Assert.True(LogFileTarget.TryOpen(path, out Stream? stream, out _));
        using (var provider = AutosshLoggerProvider.Create("autossh", new CompatEnvironment(LogLevel: 7, Debug: true), stream, stderr,
            new ManualTimeProvider(At), syslog.SocketPath))
        {
            provider.CreateLogger("any").ConnectionOk();
        }
        Assert.Equal($"2026/11/22 08:24:30 autossh[{Environment.ProcessId}]: connection ok\n", File.ReadAllText(path));
        Assert.Equal(0, syslog.Pending);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public async Task Concurrent_writers_produce_whole_lines()
    {
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");
        const int Writers = 8;
        const int LinesEach = 200;
        using (AutosshLoggerProvider provider = FileProvider(path, TimeProvider.System, pid: 9))
        {
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
            {
                ILogger logger = provider.CreateLogger($"writer{w}");
                for (int i = 0; i < LinesEach; i++) logger.StartingSshOf(i, w);
            })));
        }
        string[] lines = File.ReadAllLines(path);
        Assert.Equal(Writers * LinesEach, lines.Length);
        var shape = new Regex(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} autossh\[9\]: starting ssh \(count \d+ of \d\)$");
        Assert.All(lines, line => Assert.Matches(shape, line));
    }

    [Fact]
    public void Opening_a_log_file_in_a_missing_directory_fails_with_autossh_wording()
    {
        using var dir = new TempDirectory();
        string path = dir.File("missing/autossh.log");
        Assert.False(LogFileTarget.TryOpen(path, out Stream? stream, out string? error));
        Assert.Null(stream);
        Assert.Equal($"{path}: No such file or directory", error);
    }

    [Fact]
    public void Opening_a_directory_as_log_file_fails_with_autossh_wording()
    {
        using var dir = new TempDirectory();
        Assert.False(LogFileTarget.TryOpen(dir.Path, out _, out string? error));
        Assert.Equal($"{dir.Path}: Is a directory", error);
    }

    [Fact]
    public void Opening_a_log_file_below_a_regular_file_fails_with_autossh_wording()
    {
        using var dir = new TempDirectory();
        string file = dir.File("plain");
        File.WriteAllText(file, "");
        string path = Path.Combine(file, "autossh.log");
        Assert.False(LogFileTarget.TryOpen(path, out _, out string? error));
        Assert.Equal($"{path}: Not a directory", error);
    }

    [Theory]
    [InlineData(true)]   // autossh appends to the file it points at
    [InlineData(false)]  // autossh creates the file it points at
    public void A_symlink_at_the_log_file_path_is_refused_and_nothing_is_written_or_created_through_it(bool targetExists)
    {
        using var dir = new TempDirectory();
        string target = dir.File("precious");
        if (targetExists) File.WriteAllText(target, "precious\n");
        string path = dir.File("autossh.log");
        File.CreateSymbolicLink(path, target);

        bool opened = LogFileTarget.TryOpen(path, out Stream? stream, out string? error);
        stream?.Dispose();

        Assert.False(opened);
        Assert.Equal($"{path}: Too many levels of symbolic links", error);
        Assert.Equal(targetExists ? "precious\n" : null, File.Exists(target) ? File.ReadAllText(target) : null);
    }

    [Fact]
    public async Task A_fifo_at_the_log_file_path_is_refused_without_hanging()
    {
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");
        await Run.SuccessfullyAsync("mkfifo", [path]);

        // A generous deadline only so that a hang fails the test instead of the whole run.
        var open = Task.Run(() => (LogFileTarget.TryOpen(path, out Stream? stream, out string? error), stream, error));
        var (opened, stream, error) = await open.WaitAsync(TimeSpan.FromSeconds(30));
        stream?.Dispose();

        Assert.False(opened);
        Assert.Equal($"{path}: No such device or address", error);
    }

    [Fact]
    public void A_new_log_file_is_never_writable_by_others()
    {
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");

        Assert.True(LogFileTarget.TryOpen(path, out Stream? stream, out string? error), error);
        stream.Dispose();

        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(path) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
    }

    [RootFact]
    public async Task A_log_file_owned_by_another_user_is_refused_and_left_as_it_is()
    {
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");
        File.WriteAllText(path, "theirs\n");
        await Run.SuccessfullyAsync("chown", ["65534:65534", path]);

        bool opened = LogFileTarget.TryOpen(path, out Stream? stream, out string? error);
        stream?.Dispose();

        Assert.False(opened);
        Assert.Equal($"{path}: belongs to uid 65534, not to us (uid 0); remove it or choose another AUTOSSH_LOGFILE", error);
        Assert.Equal("theirs\n", File.ReadAllText(path));
    }

    private static AutosshLoggerProvider FileProvider(string path, TimeProvider time, int pid)
    {
        Assert.True(LogFileTarget.TryOpen(path, out Stream? stream, out string? error), error);
        return new AutosshLoggerProvider(new LogFileTarget(stream!, "autossh", () => pid, time), 7);
    }

    private static string ReadShared(string path)
    {
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        return reader.ReadToEnd();
    }
}

using Microsoft.Extensions.Logging;
using SshKeep.Compat;
using SshKeep.Logging;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Compat;

/// <summary>The level filter (spec R85) and the provider's plumbing.</summary>
public sealed class AutosshLoggerProviderTests
{
    [Theory]
    // default level 6: ERR and INFO written, DEBUG not
    [InlineData(6, LogLevel.Error, true)]
    [InlineData(6, LogLevel.Warning, true)]
    [InlineData(6, LogLevel.Information, true)]
    [InlineData(6, LogLevel.Debug, false)]
    [InlineData(6, LogLevel.Trace, false)]
    // AUTOSSH_DEBUG / level 7: everything
    [InlineData(7, LogLevel.Debug, true)]
    [InlineData(7, LogLevel.Trace, true)]
    // level 3: errors only
    [InlineData(3, LogLevel.Critical, true)]
    [InlineData(3, LogLevel.Error, true)]
    [InlineData(3, LogLevel.Warning, false)]
    [InlineData(3, LogLevel.Information, false)]
    // levels 4 and 5: warnings, no INFO
    [InlineData(4, LogLevel.Warning, true)]
    [InlineData(5, LogLevel.Information, false)]
    // levels below 3 silence autossh completely (R32: even its own invalid-level error)
    [InlineData(2, LogLevel.Error, false)]
    [InlineData(2, LogLevel.Critical, true)]
    [InlineData(0, LogLevel.Critical, false)]
    [InlineData(-1, LogLevel.Critical, false)]
    [InlineData(7, LogLevel.None, false)]
    public void Line_is_written_when_its_syslog_severity_is_at_most_the_log_level(int logLevel, LogLevel level, bool written)
    {
        var target = new RecordingLogTarget();
        using var provider = new AutosshLoggerProvider(target, logLevel);
        ILogger logger = provider.CreateLogger("any");

        logger.Log(level, "text");

        Assert.Equal(written, target.Lines.Count == 1);
        Assert.Equal(written, logger.IsEnabled(level));
    }

    [Theory]
    [InlineData(LogLevel.Critical, 2)]
    [InlineData(LogLevel.Error, 3)]
    [InlineData(LogLevel.Warning, 4)]
    [InlineData(LogLevel.Information, 6)]
    [InlineData(LogLevel.Debug, 7)]
    [InlineData(LogLevel.Trace, 7)]
    public void Log_levels_map_to_syslog_severities(LogLevel level, int severity)
    {
        Assert.Equal(severity, SyslogSeverity.FromLogLevel(level));
        var target = new RecordingLogTarget();
        using var provider = new AutosshLoggerProvider(target, 7);
        provider.CreateLogger("any").Log(level, "x");
        Assert.Equal([(severity, "x")], target.Lines);
    }

    [Fact]
    public void Exception_message_is_appended_to_the_line()
    {
        var target = new RecordingLogTarget();
        using var provider = new AutosshLoggerProvider(target, 7);
        provider.CreateLogger("any").LogError(new InvalidOperationException("boom"), "could not start");
        Assert.Equal([(3, "could not start: boom")], target.Lines);
    }

    [Fact]
    public void All_categories_share_one_target_that_the_provider_disposes()
    {
        var target = new RecordingLogTarget();
        var provider = new AutosshLoggerProvider(target, 6);
        provider.CreateLogger("a").LogInformation("one");
        provider.CreateLogger("b").LogInformation("two");
        provider.Dispose();
        Assert.Equal([(6, "one"), (6, "two")], target.Lines);
        Assert.True(target.Disposed);
    }

    [Fact]
    public void Writing_after_dispose_is_ignored()
    {
        using var dir = new TempDirectory();
        string path = dir.File("autossh.log");
        Assert.True(LogFileTarget.TryOpen(path, out Stream? stream, out _));
        var provider = new AutosshLoggerProvider(new LogFileTarget(stream!, "autossh", () => 1, TimeProvider.System), 6);
        ILogger logger = provider.CreateLogger("any");
        provider.Dispose();
        logger.LogInformation("late");
        Assert.Equal("", File.ReadAllText(path));
    }
}

using System.Globalization;
using SshKeep.Logging;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;
using SshKeep.Web;

namespace SshKeep.Tests.Logging;

/// <summary>The one log limiter (pure, on a manual clock), as its two users set it: ssh's stderr
/// (a token bucket: a burst, then a rate, the dropped lines reported at most every 10 s and when
/// the stream ends) and the HTTP refusals (a fixed window: the first five of each window one by
/// one, the rest as one count).</summary>
public sealed class LogLimiterTests
{
    /// <summary>Steps "seconds:lines" (advance the clock, then that many lines); the lines logged,
    /// the drop reports made while lines came ("count/seconds"), and the report at the end.</summary>
    public static TheoryData<string, int, string, string> StderrCases => new()
    {
        { "0:200", 200, "", "none" },
        { "0:201", 200, "", "1/0" },
        { "0:250 1:10", 202, "", "58/1" },
        { "0:250 10:25", 220, "50/10", "5/0" },
        { "0:250 10:25 10:1", 221, "50/10 5/10", "none" },
        { "0:200 100:200", 400, "", "none" },
        { "0:200 1000:300", 400, "", "100/0" },
        { "0:1000000", 200, "", "999800/0" },
    };

    [Theory]
    [MemberData(nameof(StderrCases))]
    public void Stderr_gets_a_burst_then_a_rate_and_the_rest_is_counted(string steps, int logged, string reports, string atEnd)
    {
        var clock = new ManualTimeProvider();
        var limiter = new StderrLogLimiter(clock);
        var seen = new List<string>();
        var count = 0;

        foreach (var step in steps.Split(' '))
        {
            var (seconds, lines) = (double.Parse(step.Split(':')[0], CultureInfo.InvariantCulture), int.Parse(step.Split(':')[1], CultureInfo.InvariantCulture));
            clock.Advance(seconds);
            for (var i = 0; i < lines; i++)
            {
                var decision = limiter.Admit();
                if (decision.Log) count++;
                if (decision.Dropped > 0) seen.Add($"{decision.Dropped}/{decision.Over.TotalSeconds}");
            }
        }

        var end = limiter.Flush(ended: true);
        Assert.Equal(logged, count);
        Assert.Equal(reports, string.Join(' ', seen));
        Assert.Equal(atEnd, end.Dropped > 0 ? $"{end.Dropped}/{end.Over.TotalSeconds}" : "none");
        Assert.False(end.Log);
    }

    [Fact]
    public void An_endless_stderr_logs_at_most_the_burst_plus_the_rate_plus_one_report_per_window()
    {
        var clock = new ManualTimeProvider();
        var limiter = new StderrLogLimiter(clock);
        var lines = 0;

        // An hour of 1,000 lines a second, in steps of 10 ms.
        for (var step = 0; step < 360_000; step++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            for (var i = 0; i < 10; i++)
            {
                var decision = limiter.Admit();
                if (decision.Log) lines++;
                if (decision.Dropped > 0) lines++;
            }
        }

        Assert.InRange(lines, 0, StderrLogLimiter.Burst + (3600 * StderrLogLimiter.PerSecond) + (3600 / 10) + 1);
    }

    [Theory]
    // Refusal times in seconds → what each gets: L logged, S suppressed, and "+N/Ts" a summary of N over T s before it.
    [InlineData("0 0 0", "L L L")]
    [InlineData("0 0 0 0 0 0 0", "L L L L L S S")]
    [InlineData("0 0 0 0 0 0 0 10", "L L L L L S S L+2/10s")]
    [InlineData("0 0 0 0 0 9.9 10 10", "L L L L L S L+1/10s L")]
    [InlineData("0 0 0 0 0 0 25", "L L L L L S L+1/25s")]
    [InlineData("0 0 0 0 0 10 10 10 10 10 10", "L L L L L L L L L L S")] // a window with nothing left out has no summary
    [InlineData("3 3 3 3 3 3 12.9 13", "L L L L L S S L+2/10s")] // the window opens at the first refusal
    public void Each_window_of_refusals_logs_its_first_five_and_counts_the_rest(string times, string expected)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new LogLimiter(clock, HttpRefusalLog.Limit);
        var answers = new List<string>();

        foreach (var at in times.Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture)))
        {
            clock.Advance(DateTimeOffset.UnixEpoch.AddSeconds(at) - clock.GetUtcNow());
            var decision = limiter.Admit();
            answers.Add((decision.Log ? "L" : "S") + (decision.Dropped > 0 ? $"+{decision.Dropped}/{decision.Over.TotalSeconds:0.#}s" : ""));
        }

        Assert.Equal(expected, string.Join(' ', answers));
    }

    [Fact]
    public void A_flush_after_the_window_gives_the_count_once_and_starts_a_new_window()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new LogLimiter(clock, new LogLimit(1, 0, TimeSpan.FromSeconds(10)));
        limiter.Admit();
        limiter.Admit();
        limiter.Admit();

        Assert.Equal(0, limiter.Flush(ended: false).Dropped); // the window is still open
        Assert.Equal(TimeSpan.FromSeconds(10), limiter.ReportDueIn);
        clock.Advance(10);
        Assert.Equal(new LogLimitDecision(false, 2, TimeSpan.FromSeconds(10)), limiter.Flush(ended: false));
        Assert.Equal(0, limiter.Flush(ended: false).Dropped);
        Assert.True(limiter.Admit().Log);
    }
}

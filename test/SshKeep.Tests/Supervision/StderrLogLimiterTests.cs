using SshKeep.Supervision;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Supervision;

/// <summary>The token bucket between ssh's stderr and the log (docs/security.md): a burst, then a
/// rate, and the dropped lines reported at most every 10 s and when the stream ends.</summary>
public sealed class StderrLogLimiterTests
{
    /// <summary>Steps "seconds:lines" (advance the clock, then that many lines); the lines logged,
    /// the drop reports made while lines came ("count/seconds"), and the report at the end.</summary>
    public static TheoryData<string, int, string, string> Cases => new()
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
    [MemberData(nameof(Cases))]
    public void A_burst_is_logged_then_a_rate_and_the_rest_is_counted(string steps, int logged, string reports, string atEnd)
    {
        var clock = new ManualTimeProvider();
        var limiter = new StderrLogLimiter(clock);
        var seen = new List<string>();
        var count = 0;

        foreach (var step in steps.Split(' '))
        {
            var (seconds, lines) = (double.Parse(step.Split(':')[0]), int.Parse(step.Split(':')[1]));
            clock.Advance(seconds);
            for (var i = 0; i < lines; i++)
            {
                var decision = limiter.Admit();
                if (decision.Log) count++;
                if (decision.Dropped > 0) seen.Add($"{decision.Dropped}/{decision.Over.TotalSeconds}");
            }
        }

        var end = limiter.Flush();
        Assert.Equal(logged, count);
        Assert.Equal(reports, string.Join(' ', seen));
        Assert.Equal(atEnd, end.Dropped > 0 ? $"{end.Dropped}/{end.Over.TotalSeconds}" : "none");
        Assert.False(end.Log);
    }

    [Fact]
    public void An_endless_stream_logs_at_most_the_burst_plus_the_rate_plus_one_report_per_window()
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
}

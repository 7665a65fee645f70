using SshKeep.Tests.Fakes;
using SshKeep.Web;

namespace SshKeep.Tests.Web;

/// <summary>The refusal log's limiter (pure, on a manual clock): the first few of each window one by one, the rest as one count.</summary>
public sealed class RefusalLogLimiterTests
{
    [Theory]
    // Refusal times in seconds → what each gets: L logged, S suppressed, and "+N/Ts" a summary of N over T s before it.
    [InlineData("0 0 0", "L L L")]
    [InlineData("0 0 0 0 0 0 0", "L L L L L S S")]
    [InlineData("0 0 0 0 0 0 0 10", "L L L L L S S L+2/10s")]
    [InlineData("0 0 0 0 0 9.9 10 10", "L L L L L S L+1/10s L")]
    [InlineData("0 0 0 0 0 0 25", "L L L L L S L+1/25s")]
    [InlineData("0 0 0 0 0 10 10 10 10 10 10", "L L L L L L L L L L S")] // a window with nothing left out has no summary
    public void Each_window_logs_its_first_five_and_counts_the_rest(string times, string expected)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new RefusalLogLimiter(clock);
        var answers = new List<string>();

        foreach (var at in times.Split(' ').Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)))
        {
            clock.Advance(DateTimeOffset.UnixEpoch.AddSeconds(at) - clock.GetUtcNow());
            var verdict = limiter.Refused();
            answers.Add((verdict.Log ? "L" : "S") + (verdict.Summary is { } s ? $"+{s.Count}/{s.Over.TotalSeconds:0.#}s" : ""));
        }

        Assert.Equal(expected, string.Join(' ', answers));
    }

    [Fact]
    public void A_flush_after_the_window_gives_the_count_once_and_starts_a_new_window()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new RefusalLogLimiter(clock, burst: 1, interval: TimeSpan.FromSeconds(10));
        limiter.Refused();
        limiter.Refused();
        limiter.Refused();

        Assert.Null(limiter.Flush()); // the window is still open
        clock.Advance(10);
        Assert.Equal(new RefusalSummary(2, TimeSpan.FromSeconds(10)), limiter.Flush());
        Assert.Null(limiter.Flush());
        Assert.True(limiter.Refused().Log);
    }
}

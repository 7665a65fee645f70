using System.Globalization;
using System.Net.NetworkInformation;
using SshKeep.Demo;
using SshKeep.Health;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Health;

/// <summary>
/// Debouncing on a manual clock, with the raw events raised by hand through the test's own
/// subscription; then once for real (root): an address added to a veth pair made for the test.
/// </summary>
public sealed class NetworkChangeSourceTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void A_burst_of_events_gives_one_notice_once_it_has_been_quiet()
    {
        var clock = new ManualTimeProvider();
        using var source = Source(clock, out _);

        source.OnAddressChanged();
        clock.Advance(0.1);
        source.OnAddressChanged();
        clock.Advance(0.1);
        source.OnAddressChanged();
        clock.Advance(0.2);
        Assert.False(source.Changes.TryRead(out _), "still within the quiet period of the last event");
        clock.Advance(0.05);

        Assert.True(source.Changes.TryRead(out var notice));
        Assert.Equal(3, notice.Events);
        Assert.Null(notice.NetworkAvailable);
        Assert.Equal("network changed (3 events)", notice.Text);
        Assert.Equal(clock.GetUtcNow(), notice.At);
        Assert.False(source.Changes.TryRead(out _));
    }

    [Fact]
    public void Events_that_never_go_quiet_still_give_a_notice_at_the_longest_delay()
    {
        var clock = new ManualTimeProvider();
        using var source = Source(clock, out _);

        for (var i = 0; i < 9; i++)
        {
            source.OnAddressChanged();
            Assert.False(source.Changes.TryRead(out _), $"no notice before the longest delay (event {i + 1})");
            clock.Advance(0.1);
        }
        source.OnAddressChanged();
        clock.Advance(0.1); // 1 s after the first event

        Assert.True(source.Changes.TryRead(out var notice));
        Assert.Equal(10, notice.Events);
    }

    [Fact]
    public void Two_bursts_apart_give_two_notices()
    {
        var clock = new ManualTimeProvider();
        using var source = Source(clock, out _);

        source.OnAddressChanged();
        clock.Advance(1);
        Assert.True(source.Changes.TryRead(out var first));
        source.OnAvailabilityChanged(false);
        source.OnAddressChanged();
        clock.Advance(1);
        Assert.True(source.Changes.TryRead(out var second));

        Assert.Equal(1, first.Events);
        Assert.Equal("network changed (1 event)", first.Text);
        Assert.Equal(2, second.Events);
        Assert.False(second.NetworkAvailable);
        Assert.Equal("network unavailable (2 events)", second.Text);
    }

    [Fact]
    public void A_reader_that_fell_behind_finds_only_the_newest_notice()
    {
        var clock = new ManualTimeProvider();
        using var source = Source(clock, out _);

        source.OnAddressChanged();
        clock.Advance(1);
        source.OnAvailabilityChanged(true);
        clock.Advance(1);

        Assert.True(source.Changes.TryRead(out var notice));
        Assert.True(notice.NetworkAvailable);
        Assert.False(source.Changes.TryRead(out _));
    }

    [Fact]
    public async Task Disposing_unsubscribes_ends_the_channel_and_ignores_later_events()
    {
        var clock = new ManualTimeProvider();
        var source = Source(clock, out var unsubscribed);

        source.OnAddressChanged();
        source.Dispose();
        source.OnAddressChanged();
        clock.Advance(5);

        Assert.Equal(1, unsubscribed());
        Assert.False(source.Changes.TryRead(out _));
        await source.Changes.Completion.Within("the channel to complete");
        source.Dispose();
        Assert.Equal(1, unsubscribed());
    }

    [Fact]
    public void A_subscription_that_fails_leaves_a_quiet_source_that_says_why()
    {
        using var source = new NetworkChangeSource(new ManualTimeProvider(), Quiet,
            _ => throw new NetworkInformationException(97));

        Assert.NotNull(source.Problem);
        Assert.StartsWith("network changes are not watched: ", source.Problem);
    }

    [Fact]
    public void The_real_source_subscribes_and_unsubscribes_without_error()
    {
        using var source = NetworkChangeSource.Start(TimeProvider.System);

        Assert.Null(source.Problem);
    }

    [RootFact]
    public async Task An_address_added_to_a_new_link_gives_a_notice()
    {
        // A veth pair of our own, named after this process so parallel runs do not collide, and an
        // address from TEST-NET-1 (RFC 5737) that routes nowhere; deleting the link removes both.
        var suffix = (Environment.ProcessId % 100000).ToString(CultureInfo.InvariantCulture);
        var link = $"skt{suffix}a";
        var peer = $"skt{suffix}b";
        var address = $"192.0.2.{Environment.ProcessId % 250 + 1}/32";
        using var source = NetworkChangeSource.Start(TimeProvider.System);
        Assert.Null(source.Problem);
        try
        {
            await Ip("link", "add", link, "type", "veth", "peer", "name", peer);
            await Ip("addr", "add", address, "dev", link);

            using var cts = new CancellationTokenSource(Eventually.DefaultTimeout);
            var notice = await source.Changes.ReadAsync(cts.Token);

            Assert.True(notice.Events >= 1);
        }
        finally
        {
            await ProcessRunner.RunAsync("ip", ["link", "del", link], TimeSpan.FromSeconds(30));
        }
    }

    private static async Task Ip(params string[] arguments) =>
        (await ProcessRunner.RunAsync("ip", arguments, TimeSpan.FromSeconds(30))).EnsureSuccess();

    /// <summary>A source whose raw events the test raises; <paramref name="unsubscribed"/> counts unsubscriptions.</summary>
    private static NetworkChangeSource Source(ManualTimeProvider clock, out Func<int> unsubscribed)
    {
        var count = 0;
        unsubscribed = () => count;
        return new NetworkChangeSource(clock, Quiet, _ => () => count++);
    }
}

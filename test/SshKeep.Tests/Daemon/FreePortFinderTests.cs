using System.Net;
using System.Net.Sockets;
using SshKeep.Daemon;

namespace SshKeep.Tests.Daemon;

public sealed class FreePortFinderTests
{
    [Fact]
    public void The_first_candidate_whose_pair_is_free_wins()
    {
        var candidates = new Queue<int>([40000, 50000, 60000]);

        int? port = FreePortFinder.Find(candidates.Dequeue, p => p == 50000);

        Assert.Equal(50000, port);
    }

    [Fact]
    public void After_42_busy_candidates_it_falls_back_to_21021()
    {
        int tries = 0;

        int? port = FreePortFinder.Find(() => { tries++; return 40000; }, p => p == 21021);

        Assert.Equal(21021, port);
        Assert.Equal(42, tries);
    }

    [Fact]
    public void When_even_21021_is_busy_there_is_no_port()
    {
        Assert.Null(FreePortFinder.Find(() => 40000, _ => false));
    }

    [Fact]
    public void A_port_in_use_and_the_port_below_it_are_not_free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int busy = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.False(FreePortFinder.PairIsFree(busy));
        Assert.False(FreePortFinder.PairIsFree(busy - 1)); // its P+1 is taken
    }

    [Fact]
    public void The_chosen_pair_is_in_range_and_both_ports_can_be_bound()
    {
        int? port = FreePortFinder.FindMonitorPortPair(new Random(1));

        Assert.NotNull(port);
        Assert.True(port is >= FreePortFinder.FirstCandidate and <= FreePortFinder.LastCandidate or FreePortFinder.FallbackPort,
            $"port {port} out of range");
        using var first = new TcpListener(IPAddress.Loopback, port.Value);
        using var second = new TcpListener(IPAddress.Loopback, port.Value + 1);
        first.Start();
        second.Start();
    }
}

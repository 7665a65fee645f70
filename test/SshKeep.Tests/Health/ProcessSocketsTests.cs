using SshKeep.Health;

namespace SshKeep.Tests.Health;

public sealed class ProcessSocketsTests
{
    [Fact]
    public void Socket_links_give_their_inodes_in_descriptor_order_and_other_links_are_left_out()
    {
        using var proc = new FakeProcTree()
            .Fd(50, 0, "/dev/null")
            .Socket(50, 10, 3003)
            .Socket(50, 3, 1001)
            .Fd(50, 4, "pipe:[2002]")
            .Fd(50, 5, "anon_inode:[eventfd]")
            .Fd(50, 6, "socket:[notanumber]")
            .Fd(50, 7, "socket:[0]")
            .Fd(50, 8, "socket:[12")
            .Socket(50, 9, 4004);

        Assert.Equal<(int, ulong)>([(3, 1001), (9, 4004), (10, 3003)], ProcessSockets.Of(50, proc.Root));
    }

    [Fact]
    public void A_process_that_is_gone_holds_no_sockets()
    {
        using var proc = new FakeProcTree();

        Assert.Empty(ProcessSockets.Of(99999, proc.Root));
    }

    [Fact]
    public void Entries_that_are_not_descriptor_numbers_are_ignored()
    {
        using var proc = new FakeProcTree().Socket(50, 3, 1001);
        File.WriteAllText(Path.Combine(proc.Root, "50", "fd", "stray"), "");

        Assert.Equal<(int, ulong)>([(3, 1001)], ProcessSockets.Of(50, proc.Root));
    }
}

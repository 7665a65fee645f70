using System.Runtime.InteropServices;
using SshKeep.Daemon;
using SshKeep.Native;
using SshKeep.Tests.Integration.Infrastructure;


namespace SshKeep.Tests.Daemon;

public sealed class SignalListenerTests
{
    [Theory]
    [InlineData(1)]  // SIGHUP
    [InlineData(10)] // SIGUSR1
    [InlineData(12)] // SIGUSR2
    [InlineData(14)] // SIGALRM
    [InlineData(15)] // SIGTERM
    public async Task A_signal_sent_to_us_arrives_as_its_number_and_does_not_kill_us(int signal)
    {
        using var listener = new SignalListener();

        Assert.Equal(0, LibC.kill(Environment.ProcessId, signal));

        Assert.Equal(signal, await listener.Signals.ReadAsync().AsTask().Within());
    }

    [Fact]
    public async Task Signals_arrive_in_order()
    {
        using var listener = new SignalListener();

        LibC.kill(Environment.ProcessId, 10);
        Assert.Equal(10, await listener.Signals.ReadAsync().AsTask().Within());
        LibC.kill(Environment.ProcessId, 1);
        Assert.Equal(1, await listener.Signals.ReadAsync().AsTask().Within());
    }

    [Fact]
    public async Task Disposing_completes_the_channel()
    {
        var listener = new SignalListener();

        listener.Dispose();

        await listener.Signals.Completion.Within();
    }

    [Theory]
    [InlineData(1, PosixSignal.SIGHUP)]
    [InlineData(2, PosixSignal.SIGINT)]
    [InlineData(3, PosixSignal.SIGQUIT)]
    [InlineData(15, PosixSignal.SIGTERM)]
    [InlineData(10, (PosixSignal)10)]
    [InlineData(12, (PosixSignal)12)]
    [InlineData(14, (PosixSignal)14)]
    public void Linux_numbers_map_to_and_from_PosixSignal(int number, PosixSignal signal)
    {
        Assert.Equal(signal, SignalListener.ToPosixSignal(number));
        Assert.Equal(number, SignalListener.ToNumber(signal));
    }

    [Fact]
    public void Handles_the_signals_autossh_acts_on_plus_QUIT()
    {
        Assert.Equal([1, 2, 3, 10, 12, 14, 15], SignalListener.HandledSignals);
    }
}

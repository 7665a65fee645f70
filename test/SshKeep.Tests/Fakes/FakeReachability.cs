using System.Threading.Channels;
using System.Net;
using SshKeep.Health;

namespace SshKeep.Tests.Fakes;

/// <summary>An <see cref="IServerReachability"/> whose answers the test sets: ssh's connection per
/// pid, and whether the server answers a TCP connect.</summary>
internal sealed class FakeReachability : IServerReachability
{
    public static readonly IPEndPoint Server = new(IPAddress.Parse("10.0.0.1"), 22);

    /// <summary>ssh's connection to <see cref="Server"/>: still connecting (SYN_SENT), or up.</summary>
    public static ServerConnection Connection(bool connecting) =>
        new(3, new IPEndPoint(IPAddress.Loopback, 40000), Server, connecting ? TcpSocketState.SynSent : TcpSocketState.Established, 0);

    private readonly Lock _gate = new();
    private readonly Dictionary<int, ServerConnection> _connections = [];
    private TaskCompletionSource _answering = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _answers = true;

    private readonly Channel<IPEndPoint> _checked = Channel.CreateUnbounded<IPEndPoint>();
    private readonly Channel<int> _looked = Channel.CreateUnbounded<int>();

    /// <summary>Waits for the next single connect tried (<see cref="CheckAsync"/>), in order.</summary>
    public Task CheckedAsync() => _checked.Reader.ReadAsync().AsTask();

    /// <summary>Waits for the next time a connection was found (<see cref="ConnectionOf"/>), in order.</summary>
    public Task LookedAsync() => _looked.Reader.ReadAsync().AsTask();

    /// <summary>Single connects tried (<see cref="CheckAsync"/>).</summary>
    public int Checks { get; private set; }

    /// <summary>Times <see cref="ResolveAsync"/> was asked.</summary>
    public int Resolves { get; private set; }

    /// <summary>What <see cref="ResolveAsync"/> returns.</summary>
    public IPEndPoint? Resolved { get; set; } = Server;

    public bool ServerAnswers
    {
        get { lock (_gate) return _answers; }
        set
        {
            TaskCompletionSource? release = null;
            lock (_gate)
            {
                _answers = value;
                if (value) release = _answering;
                else if (_answering.Task.IsCompleted) _answering = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            release?.TrySetResult();
        }
    }

    public void SetConnection(int pid, ServerConnection? connection)
    {
        lock (_gate)
        {
            if (connection is null) _connections.Remove(pid);
            else _connections[pid] = connection;
        }
    }

    /// <summary>Times <see cref="ConnectionOf"/> found a connection.</summary>
    public int ConnectionsSeen { get; private set; }

    public ServerConnection? ConnectionOf(int pid)
    {
        lock (_gate)
        {
            var connection = _connections.GetValueOrDefault(pid);
            if (connection is not null)
            {
                ConnectionsSeen++;
                _looked.Writer.TryWrite(pid);
            }
            return connection;
        }
    }

    /// <summary>What a check finds while the server does not answer (a black hole by default).</summary>
    public ReachabilityOutcome Silence { get; set; } = ReachabilityOutcome.TimedOutAt(Server, TimeSpan.FromSeconds(1));

    public Task<ReachabilityOutcome> CheckAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Checks++;
            _checked.Writer.TryWrite(server);
            return Task.FromResult(_answers ? ReachabilityOutcome.AnsweredBy(server) : Silence);
        }
    }

    public Task WaitUntilAnswersAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        Task waiting;
        lock (_gate) waiting = _answers ? Task.CompletedTask : _answering.Task;
        return waiting.WaitAsync(cancellationToken);
    }

    public Task<IPEndPoint?> ResolveAsync(string sshPath, IReadOnlyList<string> sshArguments, CancellationToken cancellationToken)
    {
        lock (_gate) Resolves++;
        return Task.FromResult(Resolved);
    }
}

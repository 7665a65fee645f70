using System.Collections.Concurrent;
using SshKeep.Daemon;

namespace SshKeep.Tests.Daemon;

/// <summary>A control handler that records what it was asked and answers like a small daemon
/// whose tunnels are those of <see cref="StatusSamples"/>; <see cref="Answer"/> can replace that.</summary>
internal sealed class RecordingControlHandler : IControlHandler
{
    public ConcurrentQueue<ControlRequest> Requests { get; } = new();

    public Func<ControlRequest, CancellationToken, Task<ControlResponse>>? Answer { get; set; }

    public Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (Answer is { } answer) return answer(request, cancellationToken);
        bool known = request.Tunnel is null || StatusSamples.Snapshot.Tunnels.Any(t => t.Name == request.Tunnel);
        return Task.FromResult(request.Command switch
        {
            _ when !known => ControlResponse.Failure(ControlErrors.UnknownTunnel, $"no tunnel named \"{request.Tunnel}\""),
            ControlCommand.Status => ControlResponse.Success(status: StatusSamples.Snapshot),
            _ => ControlResponse.Success($"done: {request}"),
        });
    }
}

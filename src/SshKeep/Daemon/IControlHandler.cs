namespace SshKeep.Daemon;

/// <summary>Requests come validated and possibly concurrent. Answer quickly (for <c>stop</c> and <c>reload</c>, start
/// the work and answer), and never wait for the server's disposal from here: it waits for answers in flight.</summary>
internal interface IControlHandler
{
    Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken);
}

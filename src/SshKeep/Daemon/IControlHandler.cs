namespace SshKeep.Daemon;

/// <summary>
/// Carries out control requests, already validated and possibly concurrent; the daemon plugs its
/// supervisor in here. Answer quickly (for <c>stop</c> and <c>reload</c>, start the work and
/// answer), and never wait for the server's disposal from here: it waits for answers in flight.
/// The token is cancelled when the server is disposed; an exception becomes an <c>internal</c> answer.
/// </summary>
internal interface IControlHandler
{
    Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken);
}

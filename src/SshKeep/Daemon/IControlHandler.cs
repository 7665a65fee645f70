namespace SshKeep.Daemon;

/// <summary>
/// Carries out control requests; the daemon plugs its supervisor in here (the
/// <see cref="ControlServer"/> only speaks the protocol). Requests arrive already validated
/// (<see cref="ControlRequestParser"/>) and possibly concurrently.
/// </summary>
/// <remarks>
/// Answer quickly: for <c>stop</c> and <c>reload</c>, start the work and answer (or, for reload,
/// answer once the new file was validated), but never wait for the server's own disposal from
/// here, since disposing the server waits (for a bounded time) for answers in flight. The token
/// is cancelled when the server is disposed. An exception becomes an <c>internal</c> error answer.
/// </remarks>
internal interface IControlHandler
{
    Task<ControlResponse> HandleAsync(ControlRequest request, CancellationToken cancellationToken);
}

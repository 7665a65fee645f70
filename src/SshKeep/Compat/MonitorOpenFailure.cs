using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SshKeep.Compat;

/// <summary>
/// Why <see cref="AutosshMonitor.Open"/> failed. Every case is fatal in autossh (spec R46, R48,
/// R86: logged at ERR, then exit 1); the caller logs it with <see cref="LogTo"/> and exits.
/// </summary>
/// <param name="Step">The failing step.</param>
/// <param name="Port">The port being bound (wp+1), or the write port for <see cref="MonitorOpenStep.MessageTooLong"/>.</param>
/// <param name="Reason">strerror()-style reason, e.g. <c>Address already in use</c>; empty for
/// <see cref="MonitorOpenStep.MessageTooLong"/>.</param>
internal sealed record MonitorOpenFailure(MonitorOpenStep Step, int Port, string Reason)
{
    /// <summary>autossh's monitor address (no AUTOSSH_MHOST in the Debian 1.4g binary).</summary>
    public const string Host = "127.0.0.1";

    /// <summary>autossh's exact message (C conn_listen, conn_test).</summary>
    public string Text => Step switch
    {
        MonitorOpenStep.Socket => $"socket: {Reason}",
        MonitorOpenStep.SetSocketOption => $"setsockopt: {Reason}",
        MonitorOpenStep.Bind => string.Create(CultureInfo.InvariantCulture, $"bind on {Host}:{Port}: {Reason}"),
        MonitorOpenStep.Listen => $"listen: {Reason}",
        _ => "conn_test: buffer overflow",
    };

    /// <summary>Logs <see cref="Text"/> at ERR through the compat catalogue (event 122 for bind).</summary>
    public void LogTo(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (Step == MonitorOpenStep.Bind) logger.BindFailed(Host, Port, Reason);
        else logger.StartupError(Text);
    }
}

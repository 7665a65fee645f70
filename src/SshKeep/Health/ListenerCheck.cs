using System.Net;
using System.Net.Sockets;
using SshKeep.Config;
using SshKeep.Ssh;

namespace SshKeep.Health;

/// <summary>Whether a -L/-D listener accepts (ssh binds it only once authenticated); nothing is sent.</summary>
internal static class ListenerCheck
{
    public static async Task<bool> AcceptsAsync(ForwardSpec forward, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var address = ForwardProbe.LocalListener(forward);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await QuietConnect.ConnectAsync(socket, new IPEndPoint(address, forward.BindPort), cts.Token) == SocketError.Success;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}

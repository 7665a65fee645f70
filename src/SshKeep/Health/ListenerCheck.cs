using SshKeep.Config;

namespace SshKeep.Health;

/// <summary>Whether a -L/-D listener accepts (ssh binds it only once authenticated); nothing is sent.</summary>
internal static class ListenerCheck
{
    public static async Task<bool> AcceptsAsync(ForwardSpec forward, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var listener = new IPEndPoint(ForwardProbe.LocalListener(forward), forward.BindPort);
        try
        {
            return (await new ServerReachability(TimeProvider.System).CheckAsync(listener, timeout, cancellationToken)).Answered;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

using SshKeep.Ssh;

namespace SshKeep.Tests.Ssh;

/// <summary><see cref="MuxStdioForward.OpenAsync"/> under a deadline of its own, as a probe gives it one.</summary>
internal static class MuxOpen
{
    public static async Task<MuxStdioOpen> OpenAsync(string controlPath, string host, int port, TimeSpan timeout,
        TimeProvider time, CancellationToken stopping)
    {
        stopping.ThrowIfCancellationRequested();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        return await MuxStdioForward.OpenAsync(controlPath, host, port, timeout, wait.Token, stopping);
    }
}

using System.Globalization;
using SshKeep.Demo;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Health;

/// <summary>
/// A real ssh to a <see cref="ThrowawaySshd"/> running as its own ControlMaster on a private
/// ControlPath, with the forwards a test asks for: the shape daemon mode gives each tunnel's ssh
/// (ControlMaster=yes, ControlPersist=no), so probes can be tested against it.
/// </summary>
internal sealed class ControlMasterTunnel : IAsyncDisposable
{
    private readonly string _directory;

    private ControlMasterTunnel(string directory, BackgroundProcess ssh)
    {
        _directory = directory;
        Ssh = ssh;
    }

    /// <summary>A short path (Unix socket paths are limited to 107 bytes) in a private folder.</summary>
    public string ControlPath => Path.Combine(_directory, "ctl");

    public BackgroundProcess Ssh { get; }

    /// <summary>Starts ssh with <paramref name="forwards"/> (e.g. "-L", "127.0.0.1:P:127.0.0.1:Q") and
    /// returns once the control socket exists.</summary>
    public static async Task<ControlMasterTunnel> StartAsync(ThrowawaySshd sshd, params string[] forwards)
    {
        var directory = Directory.CreateTempSubdirectory("sshkeep-mux-").FullName;
        var controlPath = Path.Combine(directory, "ctl");
        var ssh = BackgroundProcess.Start("ssh",
        [
            "-N",
            "-o", "ControlMaster=yes",
            "-o", $"ControlPath={controlPath}",
            "-o", "ControlPersist=no",
            "-o", "ExitOnForwardFailure=yes",
            .. sshd.ClientOptions,
            .. forwards,
            sshd.Destination,
        ]);
        var tunnel = new ControlMasterTunnel(directory, ssh);
        try
        {
            await Eventually.WaitUntilAsync(() => Task.FromResult(File.Exists(controlPath) || ssh.HasExited),
                () => $"ssh to create its control socket ({ssh.StandardError})");
            if (ssh.HasExited) throw new InvalidOperationException($"ssh exited with {await ssh.Exited}: {ssh.StandardError}");
            return tunnel;
        }
        catch
        {
            await tunnel.DisposeAsync();
            throw;
        }
    }

    public static string Local(int listenPort, int targetPort) =>
        string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{listenPort}:127.0.0.1:{targetPort}");

    public async ValueTask DisposeAsync()
    {
        await Ssh.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

using System.ComponentModel;
using SshKeep.Demo;
using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Cli.Doctor;

internal sealed class LocalDoctorSystem(TimeProvider time, IReadOnlyDictionary<string, string> environment) : IDoctorSystem
{
    /// <summary>ssh -V, ssh -G and ssh-keygen -F answer at once; a hung one is killed after this.</summary>
    public static readonly TimeSpan HelperDeadline = TimeSpan.FromSeconds(10);

    public uint UserId => LibC.geteuid();

    public string? HomeDirectory => environment.GetValueOrDefault("HOME");

    public string? PathVariable => environment.GetValueOrDefault("PATH");

    public async Task<KnownHostsLookup> FindKnownHostAsync(string file, string name, CancellationToken cancellationToken)
    {
        if (!File.Exists(file)) return KnownHostsLookup.NoFile;
        var output = await RunAsync("ssh-keygen", ["-F", name, "-f", file], cancellationToken);
        // ssh-keygen -F exits 0 when it found the host, 1 when it did not (and 255 on errors).
        return output.ExitCode switch
        {
            0 => KnownHostsLookup.Found,
            1 => KnownHostsLookup.NotFound,
            _ => KnownHostsLookup.Failed,
        };
    }

    public string? ReadKernelSetting(string name)
    {
        try
        {
            return File.ReadAllText(Path.Combine("/proc/sys/net/ipv4", name)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public FileFacts? InspectFile(string path)
    {
        // ssh follows a symlinked key, so the file it reads is what counts.
        try
        {
            var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
            return FileStatus.TryGet(target, out var status, out _)
                ? new FileFacts(status.IsRegularFile, status.Uid, status.Permissions) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public async Task<string?> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, linked.Token);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"did not answer within {DurationText.Format((long)timeout.TotalSeconds)}";
        }
        catch (SocketException e)
        {
            return ConnectProblem(e.SocketErrorCode, SocketErrorText.Of(e));
        }
    }

    internal static string ConnectProblem(SocketError error, string text) => error switch
    {
        SocketError.ConnectionRefused => "refused the connection (the host is there, nothing listens on the port)",
        SocketError.TimedOut => $"did not answer: {text}",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"cannot be found: {text}",
        _ => $"is unreachable: {text}",
    };

    public async Task<CommandOutput> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(program, arguments, HelperDeadline, timeProvider: time, cancellationToken: cancellationToken);
            return result.TimedOut
                ? CommandOutput.CouldNotRun($"no answer within {DurationText.Format((long)HelperDeadline.TotalSeconds)}")
                : new CommandOutput(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (Win32Exception e)
        {
            // Not Process.Start's "An error occurred trying to start process …": the errno's text is what a user can act on.
            return CommandOutput.CouldNotRun(LibC.StrError(e.NativeErrorCode));
        }
    }
}

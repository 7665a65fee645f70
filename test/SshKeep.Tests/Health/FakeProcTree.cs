using System.Globalization;
using System.Text;

namespace SshKeep.Tests.Health;

/// <summary>
/// A /proc look-alike in a temporary directory: net/tcp tables, fd links ("socket:[INODE]" as
/// dangling symbolic links, which readlink reads like the kernel's), comm and cmdline, stat,
/// status, environ and exe. Lets the
/// /proc readers be tested on exact, hostile or racy content without touching real processes.
/// </summary>
internal sealed class FakeProcTree : IDisposable
{
    public const string TcpHeader =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    public FakeProcTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "sshkeep-proc-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Writes net/tcp (and tcp6) of the tree's own namespace, or of <paramref name="pid"/>'s.</summary>
    public FakeProcTree Tcp(int? pid, string tcp, string? tcp6 = null)
    {
        var net = pid is { } p ? Path.Combine(Root, Number(p), "net") : Path.Combine(Root, "net");
        Directory.CreateDirectory(net);
        File.WriteAllText(Path.Combine(net, "tcp"), tcp);
        if (tcp6 is not null) File.WriteAllText(Path.Combine(net, "tcp6"), tcp6);
        return this;
    }

    /// <summary>/PID/fd/FD → "socket:[INODE]".</summary>
    public FakeProcTree Socket(int pid, int fd, ulong inode) => Fd(pid, fd, $"socket:[{inode}]");

    /// <summary>/PID/fd/FD → any link target ("/dev/null", "pipe:[7]", "anon_inode:[eventfd]").</summary>
    public FakeProcTree Fd(int pid, int fd, string target)
    {
        var directory = Path.Combine(Root, Number(pid), "fd");
        Directory.CreateDirectory(directory);
        File.CreateSymbolicLink(Path.Combine(directory, Number(fd)), target);
        return this;
    }

    /// <summary>/PID/comm and /PID/cmdline (argv joined by NULs, with the kernel's trailing NUL).</summary>
    public FakeProcTree Command(int pid, string comm, params string[] argv)
    {
        var directory = Path.Combine(Root, Number(pid));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "comm"), comm + "\n");
        File.WriteAllBytes(Path.Combine(directory, "cmdline"),
            argv.Length == 0 ? [] : Encoding.UTF8.GetBytes(string.Join('\0', argv) + "\0"));
        return this;
    }

    /// <summary>/PID/stat with a state letter and a process group ("pid (comm) S ppid pgrp …").</summary>
    public FakeProcTree Stat(int pid, string comm, char state, int processGroup) =>
        Write(pid, "stat", string.Create(CultureInfo.InvariantCulture, $"{pid} ({comm}) {state} 1 {processGroup} {processGroup} 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 12345 0 0\n"));

    /// <summary>/PID/status with its "Uid:" line (real, effective, saved, filesystem).</summary>
    public FakeProcTree Status(int pid, uint realUid, uint effectiveUid) =>
        Write(pid, "status", string.Create(CultureInfo.InvariantCulture, $"Name:\tssh\nState:\tS (sleeping)\nUid:\t{realUid}\t{effectiveUid}\t{effectiveUid}\t{effectiveUid}\nGid:\t0\t0\t0\t0\n"));

    /// <summary>/PID/environ: "NAME=value" entries joined by NULs, with a trailing NUL.</summary>
    public FakeProcTree Environ(int pid, params string[] entries)
    {
        Directory.CreateDirectory(Path.Combine(Root, Number(pid)));
        File.WriteAllBytes(Path.Combine(Root, Number(pid), "environ"), entries.Length == 0 ? [] : Encoding.UTF8.GetBytes(string.Join('\0', entries) + "\0"));
        return this;
    }

    /// <summary>/PID/exe → <paramref name="target"/> (a dangling link reads like the kernel's).</summary>
    public FakeProcTree Exe(int pid, string target)
    {
        Directory.CreateDirectory(Path.Combine(Root, Number(pid)));
        File.CreateSymbolicLink(Path.Combine(Root, Number(pid), "exe"), target);
        return this;
    }

    private FakeProcTree Write(int pid, string name, string text)
    {
        Directory.CreateDirectory(Path.Combine(Root, Number(pid)));
        File.WriteAllText(Path.Combine(Root, Number(pid), name), text);
        return this;
    }

    /// <summary>One /proc/net/tcp line: "SL: LOCAL REMOTE ST 00000000:00000000 00:00000000 RETR UID 0 INODE …".</summary>
    public static string Line(int sl, string local, string remote, string state, uint uid, ulong inode, int retransmits = 0) =>
        string.Create(CultureInfo.InvariantCulture,
            $"  {sl,2}: {local} {remote} {state} 00000000:00000000 00:00000000 {retransmits:X8} {uid,5}        0 {inode} 1 0000000000000000 100 0 0 10 0");

    public static string Table(params string[] lines) => string.Join('\n', [TcpHeader, .. lines]) + "\n";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

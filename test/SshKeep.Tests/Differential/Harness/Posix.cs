using System.Globalization;
using System.Runtime.InteropServices;

namespace SshKeep.Tests.Differential.Harness;

/// <summary>Linux signal numbers the suite sends (x86-64/arm64 numbering).</summary>
public static class Sig
{
    public const int Hup = 1;
    public const int Int = 2;
    public const int Quit = 3;
    public const int Kill = 9;
    public const int Usr1 = 10;
    public const int Usr2 = 12;
    public const int Term = 15;
    public const int Cont = 18;
    public const int Stop = 19;

    public static string Name(int signal) => signal switch
    {
        Hup => "SIGHUP",
        Int => "SIGINT",
        Quit => "SIGQUIT",
        Kill => "SIGKILL",
        Usr1 => "SIGUSR1",
        Usr2 => "SIGUSR2",
        Term => "SIGTERM",
        Cont => "SIGCONT",
        Stop => "SIGSTOP",
        _ => "signal " + signal.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>The few POSIX calls and /proc reads the harness needs.</summary>
public static partial class Posix
{
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);

    /// <summary>Sends a signal to one process, by pid (never to a group).</summary>
    public static bool Kill(int pid, int signal) => pid > 1 && NativeKill(pid, signal) == 0;

    /// <summary>Seconds since boot, as the fake ssh records them (10 ms resolution).</summary>
    public static double Uptime()
    {
        var text = File.ReadAllText("/proc/uptime");
        return double.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }

    /// <summary>Process state letter from /proc/pid/stat ('R', 'S', 'T', 'Z', …), or null when gone.</summary>
    public static char? State(int pid)
    {
        var stat = ReadStat(pid);
        return stat is null ? null : stat.Value.State;
    }

    public static int? ParentPid(int pid) => ReadStat(pid)?.ParentPid;

    /// <summary>Alive means present and not a zombie (our container's pid 1 does not reap orphans).</summary>
    public static bool IsAlive(int pid) => State(pid) is { } s && s != 'Z' && s != 'X';

    /// <summary>True when the process has a handler installed for the signal (SigCgt in /proc/pid/status).</summary>
    public static bool Catches(int pid, int signal) => SignalMask(pid, "SigCgt:") is { } mask && (mask & (1UL << (signal - 1))) != 0;

    /// <summary>True when /proc/pid/environ holds the exact NAME=value entry (how the harness recognises its own fake ssh processes before signalling them).</summary>
    public static bool HasEnvironmentEntry(int pid, string entry)
    {
        try
        {
            var environ = File.ReadAllText($"/proc/{pid}/environ");
            return environ.Split('\0').Contains(entry, StringComparer.Ordinal);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static ulong? SignalMask(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return ulong.Parse(line.AsSpan(field.Length).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }
        catch (IOException) { }
        return null;
    }

    private static (char State, int ParentPid)? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) S ppid ..." — comm may hold spaces and parentheses, so cut at the last ')'.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (rest[0][0], int.Parse(rest[1], CultureInfo.InvariantCulture));
        }
        catch (IOException) { return null; }
    }
}

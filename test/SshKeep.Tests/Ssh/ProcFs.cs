namespace SshKeep.Tests.Ssh;

/// <summary>Reads what the kernel says about a process, to check what the child really got.</summary>
internal static class ProcFs
{
    /// <summary>A field of /proc/PID/status, e.g. "SigIgn"; null when the process is gone.</summary>
    public static string? StatusField(int pid, string name)
    {
        try
        {
            foreach (string line in File.ReadAllLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(name + ":", StringComparison.Ordinal)) return line[(name.Length + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>The one-letter state (R, S, T, Z …), or null when the pid does not exist.</summary>
    public static string? State(int pid) => StatusField(pid, "State")?[..1];

    /// <summary>True while the pid exists and is not a zombie.</summary>
    public static bool IsAlive(int pid) => State(pid) is { } s && s != "Z";
}

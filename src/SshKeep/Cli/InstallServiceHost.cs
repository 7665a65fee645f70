namespace SshKeep.Cli;

/// <summary>What install-service reads from the machine; tests pass their own.</summary>
internal sealed record InstallServiceHost
{
    public required IReadOnlyList<string> SshkeepCommand { get; init; }

    public required string UserName { get; init; }

    public string? SudoUser { get; init; }

    public required string Home { get; init; }

    public string? XdgConfigHome { get; init; }

    public required string CurrentDirectory { get; init; }

    public string SystemUnitDirectory { get; init; } = "/etc/systemd/system";

    public Func<string, bool> AccountExists { get; init; } = static name => SshKeep.Native.LibC.getpwnam(name) != 0;

    /// <summary>Null when systemctl cannot be run (not installed, no systemd).</summary>
    public Func<IReadOnlyList<string>, int?> Systemctl { get; init; } = RunSystemctl;

    public static InstallServiceHost Current() => new()
    {
        SshkeepCommand = CurrentCommand(),
        UserName = Environment.UserName,
        SudoUser = Environment.GetEnvironmentVariable("SUDO_USER"),
        Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        XdgConfigHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME"),
        CurrentDirectory = Environment.CurrentDirectory,
    };

    private static int? RunSystemctl(IReadOnlyList<string> arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo("systemctl", arguments) { UseShellExecute = false };
        try
        {
            using var process = System.Diagnostics.Process.Start(start);
            if (process is null) return null;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The program's real path, not an <c>autossh</c> symlink; run as <c>dotnet sshkeep.dll</c>, the same.</summary>
    private static IReadOnlyList<string> CurrentCommand()
    {
        string process = Environment.ProcessPath ?? "/usr/local/bin/sshkeep";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, Path.Combine(AppContext.BaseDirectory, "sshkeep.dll")] : [process];
    }
}

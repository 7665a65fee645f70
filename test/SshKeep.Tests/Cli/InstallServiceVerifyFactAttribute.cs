namespace SshKeep.Tests.Cli;

/// <summary>A [Fact] skipped, with the reason, on a machine without <c>systemd-analyze</c>
/// (xunit 2 reads <see cref="FactAttribute.Skip"/> after constructing the attribute).</summary>
public sealed class InstallServiceVerifyFactAttribute : FactAttribute
{
    public InstallServiceVerifyFactAttribute()
    {
        if (SystemdAnalyze is null) Skip = "needs systemd-analyze (the systemd package) to verify the generated units";
    }

    /// <summary>The systemd-analyze executable on PATH, or null.</summary>
    public static string? SystemdAnalyze =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "systemd-analyze"))
            .FirstOrDefault(File.Exists);
}

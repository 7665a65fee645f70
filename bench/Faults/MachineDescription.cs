using System.Runtime.InteropServices;
using SshKeep.Demo;

namespace SshKeep.Bench.Faults;

/// <summary>One line naming the machine and the programs measured, for the report.</summary>
internal static class MachineDescription
{
    public static async Task<string> DescribeAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var parts = new List<string>
        {
            $"{Environment.ProcessorCount} cores",
            $"{RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
            $".NET {Environment.Version}",
            await VersionAsync("ssh", ["-V"], cancellationToken).ConfigureAwait(false),
        };
        if (options.Keepers.Contains(KeeperKind.Autossh))
            parts.Add(await VersionAsync(options.AutosshPath, ["-V"], cancellationToken).ConfigureAwait(false));
        if (options.Keepers.Any(k => k != KeeperKind.Autossh))
            parts.Add(await VersionAsync(options.SshkeepPath, ["--version"], cancellationToken).ConfigureAwait(false));
        if (File.Exists("/proc/loadavg"))
            parts.Add($"load {string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken).ConfigureAwait(false)).Split(' ').Take(3))} at the start");
        return string.Join(", ", parts.Where(p => p.Length > 0));
    }

    private static async Task<string> VersionAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(program, arguments, TimeSpan.FromSeconds(10), cancellationToken: cancellationToken).ConfigureAwait(false);
            var line = (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return line is null ? "" : line.StartsWith(Path.GetFileName(program), StringComparison.OrdinalIgnoreCase) || program == "ssh" ? line : $"{Path.GetFileName(program)} {line}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "";
        }
    }
}

using System.Runtime.InteropServices;
using SshKeep.Demo;

namespace SshKeep.Bench;

/// <summary>One line naming the machine and the programs measured, for a benchmark's report.</summary>
internal static class MachineDescription
{
    /// <param name="programs">Each program measured with the argument that makes it print its version
    /// ("ssh", "-V"; "/path/sshkeep", "--version"); the first line it prints goes into the description.</param>
    public static async Task<string> DescribeAsync(
        IEnumerable<(string Program, string VersionArgument)> programs, CancellationToken cancellationToken)
    {
        var parts = new List<string>
        {
            $"{Environment.ProcessorCount} cores",
            $"{RuntimeInformation.OSDescription.Trim()} {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
            $".NET {Environment.Version}",
        };
        foreach (var (program, argument) in programs)
            parts.Add(await VersionAsync(program, argument, cancellationToken).ConfigureAwait(false));
        if (File.Exists("/proc/loadavg"))
            parts.Add($"load {string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg", cancellationToken).ConfigureAwait(false)).Split(' ').Take(3))} at the start");
        return string.Join(", ", parts.Where(p => p.Length > 0));
    }

    private static async Task<string> VersionAsync(string program, string argument, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(program, [argument], TimeSpan.FromSeconds(10), cancellationToken: cancellationToken).ConfigureAwait(false);
            var line = (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            return line is null ? "" : line.StartsWith(Path.GetFileName(program), StringComparison.OrdinalIgnoreCase) || program == "ssh" ? line : $"{Path.GetFileName(program)} {line}";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "";
        }
    }
}

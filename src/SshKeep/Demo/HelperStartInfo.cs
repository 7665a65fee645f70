using System.Diagnostics;

namespace SshKeep.Demo;

/// <summary>The one way the demo and the fixtures describe a helper program to start.</summary>
internal static class HelperStartInfo
{
    /// <summary>argv as an array (never a shell), all three streams redirected, and <paramref name="environment"/>
    /// applied (null removes a variable).</summary>
    public static ProcessStartInfo Create(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) startInfo.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) startInfo.Environment.Remove(name);
            else startInfo.Environment[name] = value;
        }
        return startInfo;
    }

    /// <summary>The command line for messages ("ssh -N -L …").</summary>
    public static string Describe(ProcessStartInfo startInfo) => string.Join(' ', [startInfo.FileName, .. startInfo.ArgumentList]);
}

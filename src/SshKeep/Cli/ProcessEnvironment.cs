using System.Collections;

namespace SshKeep.Cli;

/// <summary>This process's environment as a plain dictionary, for the pure parsers.</summary>
internal static class ProcessEnvironment
{
    public static Dictionary<string, string> Read()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        return environment;
    }
}

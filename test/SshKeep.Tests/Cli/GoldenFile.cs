namespace SshKeep.Tests.Cli;

/// <summary>
/// Compares output with a golden file. With SSHKEEP_UPDATE_GOLDEN=1 the file is (re)written
/// first, so a deliberate change of what users see is one command plus a reviewed diff.
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "SSHKEEP_UPDATE_GOLDEN";

    public static void AssertMatches(string goldenPath, string actual)
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual);
        }
        Assert.True(File.Exists(goldenPath), $"{goldenPath} is missing; run the tests once with {UpdateVariable}=1 and review it");
        Assert.Equal(File.ReadAllText(goldenPath), actual);
    }
}

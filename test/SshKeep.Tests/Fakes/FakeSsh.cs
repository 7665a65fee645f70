namespace SshKeep.Tests.Fakes;

/// <summary>
/// One scripted run of test/SshKeep.Tests/Fakes/fake-ssh (copied next to the test assembly): a
/// private folder with the record file and the plan, and the environment that points autossh or
/// sshkeep at the fake. <c>FakeSsh.WithPlan("exit 255", "sleep 2; exit 1", "sleep forever")</c>
/// scripts three starts; see the script's header for the steps.
/// </summary>
public sealed class FakeSsh : IDisposable
{
    private FakeSsh(string? plan, string? action)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("sshkeep-fake-ssh-").FullName;
        LogPath = Path.Combine(Directory, "starts.log");
        var environment = new Dictionary<string, string?>
        {
            ["AUTOSSH_PATH"] = ScriptPath,
            ["FAKE_SSH_LOG"] = LogPath,
            ["FAKE_SSH_PLAN"] = null,
            ["FAKE_SSH_ACTION"] = null,
        };
        if (plan is not null)
        {
            var planPath = Path.Combine(Directory, "plan");
            File.WriteAllText(planPath, plan);
            environment["FAKE_SSH_PLAN"] = planPath;
        }
        if (action is not null) environment["FAKE_SSH_ACTION"] = action;
        Environment = environment;
    }

    /// <summary>The script, made executable in case the copy lost its mode bits.</summary>
    public static string ScriptPath { get; } = PrepareScript();

    /// <summary>Start N follows line N; past the end, the last line repeats.</summary>
    public static FakeSsh WithPlan(params string[] lines) => new(string.Concat(lines.Select(l => l + "\n")), null);

    /// <summary>Every start does the same.</summary>
    public static FakeSsh Always(string action) => new(null, action);

    public string Directory { get; }

    public string LogPath { get; }

    /// <summary>AUTOSSH_PATH, FAKE_SSH_LOG and FAKE_SSH_PLAN or FAKE_SSH_ACTION (the other removed),
    /// to merge into the supervisor's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Every start so far, in order.</summary>
    public IReadOnlyList<FakeSshStart> Starts() =>
        File.Exists(LogPath)
            ? [.. File.ReadAllLines(LogPath).Where(l => l.Length > 0).Select(FakeSshStart.Parse)]
            : [];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string PrepareScript()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fakes", "fake-ssh");
        if (!File.Exists(path)) throw new FileNotFoundException("fake-ssh was not copied to the test output", path);
        const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & executable) != executable) File.SetUnixFileMode(path, mode | executable);
        return path;
    }
}

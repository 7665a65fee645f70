using System.Diagnostics;
using SshKeep.Cli;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Cli;

/// <summary>
/// systemd's own parser reads the generated units without a single complaint: an unknown key or
/// a bad value is only a warning to systemd (the unit still loads, minus that line), so the
/// output must be empty, not just the exit status zero.
/// </summary>
public sealed class InstallServiceVerifyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [InstallServiceVerifyFact]
    public async Task Systemd_analyze_verify_accepts_the_system_unit_silently()
    {
        var (status, output) = await VerifyAsync(user: false);

        Assert.Equal("", output);
        Assert.Equal(0, status);
    }

    [InstallServiceVerifyFact]
    public async Task Systemd_analyze_verify_accepts_the_user_unit_silently()
    {
        var (status, output) = await VerifyAsync(user: true);

        Assert.Equal("", output);
        Assert.Equal(0, status);
    }

    private async Task<(int Status, string Output)> VerifyAsync(bool user)
    {
        // verify checks that ExecStart= is executable and User= exists: use real ones.
        var host = new InstallServiceHost
        {
            SshkeepCommand = [Environment.ProcessPath!],
            UserName = Environment.UserName,
            Home = _temp.Path,
            CurrentDirectory = _temp.Path,
        };
        var spec = InstallServicePlan.Make(new InstallServiceOptions { User = user }, host).Unit!;
        string unit = Path.Combine(_temp.Path, InstallServiceUnit.DefaultName);
        await File.WriteAllTextAsync(unit, spec.Render());

        var start = new ProcessStartInfo(InstallServiceVerifyFactAttribute.SystemdAnalyze!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _temp.Path,
        };
        if (user)
        {
            start.ArgumentList.Add("--user");
            // The user manager's lookup paths need a runtime directory, which a CI shell lacks.
            Directory.CreateDirectory(_temp.File("runtime"));
            start.Environment["XDG_RUNTIME_DIR"] = _temp.File("runtime");
        }
        start.ArgumentList.Add("verify");
        start.ArgumentList.Add(unit);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}

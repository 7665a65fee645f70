using SshKeep.Cli.Doctor;
using SshKeep.Config;

namespace SshKeep.Tests.Cli.Doctor;

/// <summary>`sshkeep doctor`'s exit statuses and streams (docs/doctor.md).</summary>
public sealed class DoctorCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sshkeep-doctor-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task An_invalid_config_prints_its_errors_on_stderr_and_exits_78()
    {
        var path = Write("tunnels:\n  db:\n    destination: \"-oProxyCommand=x\"\n    forwards: []\n");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var status = await DoctorCommand.RunAsync(path, new FakeDoctorSystem(), stdout, stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.Config, status);
        Assert.Equal("", stdout.ToString());
        Assert.Contains("tunnels.db.destination", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_problem_prints_the_report_on_stdout_and_exits_1()
    {
        var path = Write("tunnels:\n  db: { destination: h, forwards: [ { local: \"8080:x:80\" } ] }\n");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var status = await DoctorCommand.RunAsync(path, new FakeDoctorSystem(), stdout, stderr, CancellationToken.None);

        Assert.Equal(1, status);
        Assert.StartsWith($"sshkeep doctor: {path} (1 tunnel)\n", stdout.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(": needs attention (exit status 1)\n", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public async Task A_tunnels_file_others_can_write_is_a_warning_of_this_machine()
    {
        var path = Write("tunnels:\n  db: { destination: h, forwards: [ { local: \"8080:x:80\" } ] }\n");
        var system = new FakeDoctorSystem();
        system.Files[path] = new FileFacts(true, 1000, 0x1B6 /* 0666 */);
        system.Files[_directory] = new FileFacts(false, 1000, 0x1ED /* 0755 */);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var status = await DoctorCommand.RunAsync(path, system, stdout, stderr, CancellationToken.None);

        Assert.Equal(1, status);
        Assert.Contains($"tunnels file \"{path}\" is writable by others (mode 666)", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_tunnels_file_the_machine_is_still_checked_and_the_report_says_where_doctor_looked()
    {
        var path = Path.Combine(_directory, "missing", "tunnels.yaml");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var status = await DoctorCommand.RunAsync(path, new FakeDoctorSystem(), stdout, stderr, CancellationToken.None, "SSHKEEP_CONFIG");

        Assert.Equal(1, status);
        Assert.Contains($"\n{DoctorExamination.MachineTitle}\n", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("ssh client (ssh):", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains($"warn  tunnels file: none at {path} (SSHKEEP_CONFIG)", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_directory, "tunnels.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}

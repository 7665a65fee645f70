namespace SshKeep.Cli.Doctor;

/// <summary>The ssh client's version: <see cref="Oldest"/> has <c>ssh -G</c> (docs/doctor.md, "This machine").</summary>
internal static partial class SshVersionCheck
{
    public static readonly Version Oldest = new(6, 8);

    public static DoctorCheck Judge(string sshPath, CommandOutput output)
    {
        var subject = $"ssh client ({sshPath})";
        if (output.ExitCode is null)
        {
            return new DoctorCheck(DoctorVerdict.Fail, subject, $"cannot run {sshPath}: {output.Problem}",
                "every tunnel runs this program",
                "install OpenSSH's client (apt-get install openssh-client), or set ssh_path to where it is");
        }

        var line = output.FirstLine;
        var match = OpenSshVersion().Match(line);
        if (!match.Success)
        {
            return new DoctorCheck(DoctorVerdict.Warn, subject, $"{line} is not OpenSSH",
                "sshkeep passes OpenSSH's options (ServerAliveInterval, ExitOnForwardFailure…) and reads its messages",
                "set ssh_path to OpenSSH's ssh");
        }

        var version = new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        return version < Oldest
            ? new DoctorCheck(DoctorVerdict.Warn, subject, $"{line} is older than OpenSSH {Oldest}",
                "it has no ssh -G, so the checks below cannot see the configuration ssh would use",
                "update OpenSSH's client")
            : new DoctorCheck(DoctorVerdict.Ok, subject, line);
    }

    [GeneratedRegex(@"^OpenSSH_(\d+)\.(\d+)")]
    private static partial Regex OpenSshVersion();
}

namespace SshKeep.Cli.Doctor;

/// <summary>The ssh client's version: <see cref="Oldest"/> has <c>ssh -G</c> (docs/doctor.md, "This machine").</summary>
internal static partial class SshVersionCheck
{
    public static readonly Version Oldest = new(6, 8);

    public static DoctorCheck Judge(string sshPath, CommandOutput output)
    {
        var subject = $"ssh client ({sshPath})";
        var line = output.FirstLine;
        var match = OpenSshVersion().Match(line);
        return (output.ExitCode, match.Success) switch
        {
            (null, _) => new(DoctorVerdict.Fail, subject, $"cannot run {sshPath}: {output.Problem}",
                "every tunnel runs this program",
                "install OpenSSH's client (apt-get install openssh-client), or set ssh_path to where it is"),
            (_, false) => new(DoctorVerdict.Warn, subject, $"{line} is not OpenSSH",
                "sshkeep passes OpenSSH's options (ServerAliveInterval, ExitOnForwardFailure…) and reads its messages",
                "set ssh_path to OpenSSH's ssh"),
            _ when Version.Parse(match.Groups[1].Value) < Oldest => new(DoctorVerdict.Warn, subject, $"{line} is older than OpenSSH {Oldest}",
                "it has no ssh -G, so the checks below cannot see the configuration ssh would use",
                "update OpenSSH's client"),
            _ => new(DoctorVerdict.Ok, subject, line),
        };
    }

    [GeneratedRegex(@"^OpenSSH_(\d+\.\d+)")]
    private static partial Regex OpenSshVersion();
}

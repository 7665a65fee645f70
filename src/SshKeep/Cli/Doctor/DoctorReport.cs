namespace SshKeep.Cli.Doctor;

/// <summary>Everything <c>sshkeep doctor</c> found for one config file.</summary>
internal sealed record DoctorReport(string ConfigPath, int TunnelCount, IReadOnlyList<DoctorSection> Sections)
{
    public IEnumerable<DoctorCheck> Checks => Sections.SelectMany(s => s.Checks);

    /// <summary>0 when every check is ok or info, 1 otherwise (docs/doctor.md).</summary>
    public int ExitCode => Checks.Any(c => c.Verdict is DoctorVerdict.Warn or DoctorVerdict.Fail) ? ExitCodes.Failure : ExitCodes.Ok;
}

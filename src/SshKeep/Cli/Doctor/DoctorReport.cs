namespace SshKeep.Cli.Doctor;

/// <summary>Everything <c>sshkeep doctor</c> found for one config file.</summary>
public sealed record DoctorReport(string ConfigPath, int TunnelCount, IReadOnlyList<DoctorSection> Sections)
{
    /// <summary>Exit status when something needs attention (a warning or a failure).</summary>
    public const int ExitNeedsAttention = 1;

    public IEnumerable<DoctorCheck> Checks => Sections.SelectMany(s => s.Checks);

    /// <summary>0 when every check is ok or info, 1 otherwise (docs/doctor.md).</summary>
    public int ExitCode => Checks.Any(c => c.Verdict is DoctorVerdict.Warn or DoctorVerdict.Fail) ? ExitNeedsAttention : 0;
}

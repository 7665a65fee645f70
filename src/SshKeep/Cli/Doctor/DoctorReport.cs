namespace SshKeep.Cli.Doctor;

internal sealed record DoctorReport(string ConfigPath, int TunnelCount, IReadOnlyList<DoctorSection> Sections)
{
    public IEnumerable<DoctorCheck> Checks => Sections.SelectMany(s => s.Checks);

    public int ExitCode => Checks.Any(c => c.Verdict is DoctorVerdict.Warn or DoctorVerdict.Fail) ? ExitCodes.Failure : ExitCodes.Ok;
}

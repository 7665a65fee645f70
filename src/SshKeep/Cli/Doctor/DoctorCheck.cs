namespace SshKeep.Cli.Doctor;

/// <param name="Explanation">Why it matters, one line as every text here (docs/doctor.md, "Output"); null when obvious.</param>
internal sealed record DoctorCheck(DoctorVerdict Verdict, string Subject, string Finding, string? Explanation = null, string? Fix = null);

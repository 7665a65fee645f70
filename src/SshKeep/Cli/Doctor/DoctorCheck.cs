namespace SshKeep.Cli.Doctor;

/// <summary>One finding of <c>sshkeep doctor</c>, each text one line (docs/doctor.md, "Output").</summary>
/// <param name="Explanation">Why it matters; null when that is obvious.</param>
internal sealed record DoctorCheck(DoctorVerdict Verdict, string Subject, string Finding, string? Explanation = null, string? Fix = null);

namespace SshKeep.Cli.Doctor;

/// <summary>One finding of <c>sshkeep doctor</c>.</summary>
/// <param name="Verdict">ok, info, warn or fail.</param>
/// <param name="Subject">What was checked, short: "keepalive", "identity file", "server".</param>
/// <param name="Finding">What was found, one line.</param>
/// <param name="Explanation">Why it matters, when that is not obvious; one line or null.</param>
/// <param name="Fix">What to do, for a warn or fail; null when nothing is to be done.</param>
internal sealed record DoctorCheck(DoctorVerdict Verdict, string Subject, string Finding, string? Explanation = null, string? Fix = null);

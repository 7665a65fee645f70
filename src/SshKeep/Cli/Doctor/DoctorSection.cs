namespace SshKeep.Cli.Doctor;

internal sealed record DoctorSection(string Title, IReadOnlyList<DoctorCheck> Checks);

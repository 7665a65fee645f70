namespace SshKeep.Cli.Doctor;

/// <summary>The checks about one thing: the machine, or one tunnel (<paramref name="Title"/> names it).</summary>
public sealed record DoctorSection(string Title, IReadOnlyList<DoctorCheck> Checks);

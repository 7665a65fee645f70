namespace SshKeep.Cli.Doctor;

/// <summary>The checks about one thing: the machine, or one tunnel (<paramref name="Title"/> names it).</summary>
internal sealed record DoctorSection(string Title, IReadOnlyList<DoctorCheck> Checks);

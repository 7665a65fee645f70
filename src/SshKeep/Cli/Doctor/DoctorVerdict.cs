namespace SshKeep.Cli.Doctor;

/// <summary>Only <see cref="Warn"/> and <see cref="Fail"/> make doctor exit 1 (docs/doctor.md, "Verdicts").</summary>
internal enum DoctorVerdict
{
    Ok,
    Info,
    Warn,
    Fail,
}

namespace SshKeep.Cli.Doctor;

/// <summary>How one doctor check came out. Only <see cref="Warn"/> and <see cref="Fail"/> make
/// <c>sshkeep doctor</c> exit 1; <see cref="Info"/> is a reminder about something no client-side
/// check can see (the server's ClientAliveInterval), or a check that does not apply.</summary>
internal enum DoctorVerdict
{
    Ok,
    Info,
    Warn,
    Fail,
}

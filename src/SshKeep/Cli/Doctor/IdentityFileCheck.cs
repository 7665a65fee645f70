namespace SshKeep.Cli.Doctor;

/// <summary>A private key's file (docs/doctor.md, "Each tunnel").</summary>
internal static class IdentityFileCheck
{
    public const string Subject = "identity file";

    public static DoctorCheck Judge(string path, FileFacts? facts, uint userId) => facts switch
    {
        null => new(DoctorVerdict.Fail, Subject, $"{path} does not exist",
            "ssh cannot log in with it: the tunnel would wait in needs-attention",
            $"fix identity_file, or create the key (ssh-keygen -t ed25519 -f {path}) and add its .pub to the server's authorized_keys"),
        { IsRegularFile: false } =>
            new(DoctorVerdict.Fail, Subject, $"{path} is not a regular file", null, "point identity_file at the private key file"),
        { Permissions: var mode } when (mode & 0x3F) != 0 => new(DoctorVerdict.Fail, Subject, $"{path} is open to group or others (mode {Mode(mode)})",
            "ssh refuses a private key others can read (UNPROTECTED PRIVATE KEY FILE), and anyone who can read it can log in as you",
            $"chmod 600 {path}"),
        { OwnerUid: var owner } when owner != userId => new(DoctorVerdict.Warn, Subject,
            string.Create(CultureInfo.InvariantCulture, $"{path} belongs to uid {owner}, not to you (uid {userId})"),
            "its owner can read it, and replace it with a key of theirs",
            $"chown $(id -un) {path}, as root if need be"),
        { Permissions: var mode } => new(DoctorVerdict.Ok, Subject, $"{path} is yours, mode {Mode(mode)}"),
    };

    public static DoctorCheck NoneFound(IReadOnlyList<string> candidates) =>
        new(DoctorVerdict.Warn, Subject,
            $"no identity_file, and none of the keys ssh would try exists ({string.Join(", ", candidates)})",
            "ssh can then log in only with a key held by an agent (SSH_AUTH_SOCK), which a service rarely has",
            "set identity_file to the tunnel's private key");

    /// <summary>The permission bits in octal, as chmod writes them: 0600.</summary>
    public static string Mode(uint permissions) => "0" + Convert.ToString(permissions & 0xFFF, 8).PadLeft(3, '0');
}

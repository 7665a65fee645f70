namespace SshKeep.Config;

/// <summary>ssh_config keywords (OpenSSH 9.2 to 10.x, Debian's GSSAPI ones), only to catch misspellings (docs/config.md,
/// "ssh_options").</summary>
internal static class SshKeywords
{
    public static readonly IReadOnlyList<string> Known =
    [
        "AddKeysToAgent", "AddressFamily", "BatchMode", "BindAddress", "BindInterface", "CanonicalDomains",
        "CanonicalizeFallbackLocal", "CanonicalizeHostname", "CanonicalizeMaxDots", "CanonicalizePermittedCNAMEs",
        "CASignatureAlgorithms", "CertificateFile", "ChannelTimeout", "CheckHostIP", "Ciphers", "ClearAllForwardings",
        "Compression", "ConnectionAttempts", "ConnectTimeout", "ControlMaster", "ControlPath", "ControlPersist",
        "DynamicForward", "EnableEscapeCommandline", "EnableSSHKeysign", "EscapeChar", "ExitOnForwardFailure",
        "FingerprintHash", "ForkAfterAuthentication", "ForwardAgent", "ForwardX11", "ForwardX11Timeout",
        "ForwardX11Trusted", "GatewayPorts", "GlobalKnownHostsFile", "GSSAPIAuthentication", "GSSAPIClientIdentity",
        "GSSAPIDelegateCredentials", "GSSAPIKeyExchange", "GSSAPIRenewalForcesRekey", "GSSAPIServerIdentity",
        "GSSAPITrustDns", "GSSAPIKexAlgorithms", "HashKnownHosts", "Host", "HostbasedAcceptedAlgorithms",
        "HostbasedAuthentication", "HostKeyAlgorithms", "HostKeyAlias", "HostName", "IdentitiesOnly", "IdentityAgent",
        "IdentityFile", "IgnoreUnknown", "Include", "IPQoS", "KbdInteractiveAuthentication", "KbdInteractiveDevices",
        "KexAlgorithms", "KnownHostsCommand", "LocalCommand", "LocalForward", "LogLevel", "LogVerbose", "MACs", "Match",
        "NoHostAuthenticationForLocalhost", "NumberOfPasswordPrompts", "ObscureKeystrokeTiming", "PasswordAuthentication",
        "PermitLocalCommand", "PermitRemoteOpen", "PKCS11Provider", "Port", "PreferredAuthentications", "ProxyCommand",
        "ProxyJump", "ProxyUseFdpass", "PubkeyAcceptedAlgorithms", "PubkeyAuthentication", "RefuseConnection",
        "RekeyLimit", "RemoteCommand", "RemoteForward", "RequestTTY", "RequiredRSASize", "RevokedHostKeys",
        "SecurityKeyProvider", "SendEnv", "ServerAliveCountMax", "ServerAliveInterval", "SessionType", "SetEnv",
        "StdinNull", "StreamLocalBindMask", "StreamLocalBindUnlink", "StrictHostKeyChecking", "SyslogFacility", "Tag",
        "TCPKeepAlive", "Tunnel", "TunnelDevice", "UpdateHostKeys", "User", "UserKnownHostsFile", "VerifyHostKeyDNS",
        "VisualHostKey", "WarnWeakCrypto", "XAuthLocation",

        // Old names ssh still accepts, so they are not "corrected" to their successors.
        "ChallengeResponseAuthentication", "HostbasedKeyTypes", "KeepAlive", "PubkeyAcceptedKeyTypes",
    ];

    public static bool IsKnown(string keyword) => Known.Contains(keyword, StringComparer.OrdinalIgnoreCase);
}

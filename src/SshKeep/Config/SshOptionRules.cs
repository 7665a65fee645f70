namespace SshKeep.Config;

/// <summary>Which <c>ssh_options</c> a tunnel may carry (docs/config.md, "Refused options").</summary>
internal static partial class SshOptionRules
{
    public static bool IsKeywordSyntax(string key) => KeywordSyntax().IsMatch(key);

    public static bool Is(string key, string keyword) => key.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public static bool IsYes(string value) => value.ToLowerInvariant() is "yes" or "true";

    public static string? Refusal(string key, string value)
    {
        var v = value.ToLowerInvariant();
        var yes = IsYes(value);
        return key.ToLowerInvariant() switch
        {
            "controlmaster" => "sshkeep runs every tunnel as its own ssh, the master of its own session on a socket sshkeep owns (its probes use it), so that the forwards live in the process it supervises, not in a shared master",
            "controlpath" => "sshkeep sets the ControlPath itself (a socket in its run directory, or none when probes are off), so that a multiplexing master from ssh_config cannot capture the tunnel's session",
            "controlpersist" => "it would leave a master running in the background, outside sshkeep's supervision, after the tunnel's ssh ends",
            "forkafterauthentication" when yes => "ssh would go to the background (like -f); sshkeep would see its ssh exit and start another while the first keeps running",
            "remotecommand" when v != "none" => "a tunnel runs no remote command (sshkeep passes -N); the session would end when the command does",
            "localcommand" => "it runs a local shell command on every (re)connect, outside sshkeep's supervision",
            "permitlocalcommand" when yes => "it would allow LocalCommand, which sshkeep refuses",
            "sessiontype" when v != "none" => "a tunnel opens no session (sshkeep passes -N)",
            "requesttty" when v is not ("no" or "false") => "a tunnel has no terminal (sshkeep passes -T)",
            "batchmode" when !yes => "with no terminal a password or passphrase prompt would hang the tunnel; sshkeep passes BatchMode=yes (use an agent or a key without passphrase)",
            "exitonforwardfailure" when !yes => "a session whose forwards failed would look healthy while forwarding nothing; sshkeep passes ExitOnForwardFailure=yes and retries instead",
            "clearallforwardings" when yes => "it would drop the tunnel's forwards",
            "localforward" or "remoteforward" or "dynamicforward" => "list forwards under `forwards`, so that sshkeep checks their ports and probes them",
            "port" => "set the tunnel's `port` key instead (sshkeep's reachability check reads it)",
            "identityfile" => "set the tunnel's `identity_file` key instead (it expands ~)",
            "host" or "match" or "include" => "it is ssh_config structure, not an option; keep it in ~/.ssh/config",
            "loglevel" when v is "quiet" or "fatal" => "ssh would no longer print the errors sshkeep reads to tell a wrong key from a network fault; use ERROR or more",
            "stricthostkeychecking" when v is not ("yes" or "no" or "ask" or "accept-new" or "off" or "true" or "false") =>
                "expected yes, accept-new, ask, or no (not recommended)",
            _ => null,
        };
    }

    // ssh_config keywords are letters, with digits in a few (ForwardX11, PKCS11Provider).
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex KeywordSyntax();
}

namespace SshKeep.Config;

/// <summary>What <c>sshkeep check [-c FILE]</c> prints and exits with (docs/config.md); locked by golden files.</summary>
internal static class ConfigCheck
{
    public static int ExitCode(ConfigLoadResult result) => result is ConfigLoadResult.Valid ? ExitCodes.Ok : ExitCodes.Config;

    /// <param name="machineAddresses">When known, an <c>http.listen</c> address among none of them is warned about.</param>
    public static string Render(ConfigLoadResult result, IReadOnlyCollection<IPAddress>? machineAddresses = null)
    {
        var text = new StringBuilder();
        switch (result)
        {
            case ConfigLoadResult.Valid { Config: var config }:
                foreach (var tunnel in config.Tunnels)
                {
                    text.Append(Summary(tunnel)).Append('\n');
                    if (tunnel.InsecureHostKeyChecking)
                    {
                        text.Append(tunnel.Name)
                            .Append(": warning: StrictHostKeyChecking is off, so ssh accepts any host key and anyone on the path can pose as the server\n");
                    }
                }

                if (machineAddresses is not null && config.Http is { } listen && !listen.IsOnThisMachine(machineAddresses))
                {
                    text.Append("http.listen: warning: ").Append(listen.ToString())
                        .Append(" is not an address of this machine now, so `sshkeep up` cannot listen there until an interface has it\n");
                }

                var disabled = config.Tunnels.Count(t => !t.Enabled);
                text.Append(config.Path).Append(": ").Append(ConfigText.Plural(config.Tunnels.Count, "tunnel", "tunnels")).Append(" OK")
                    .Append(disabled > 0 ? $" ({ConfigText.Number(disabled)} disabled)" : "").Append('\n');
                break;

            case ConfigLoadResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                {
                    text.Append(error).Append('\n');
                }

                if (invalid.More > 0)
                {
                    text.Append(invalid.Path).Append(": and ").Append(ConfigText.Plural(invalid.More, "more error", "more errors"))
                        .Append(" (only the first ").Append(ConfigText.Number(invalid.Errors.Count)).Append(" are shown)\n");
                }

                text.Append(invalid.Path).Append(": ").Append(ConfigText.Plural(invalid.Count, "error", "errors")).Append('\n');
                break;
        }

        return text.ToString();
    }

    internal static string Summary(TunnelConfig tunnel) =>
        $"{tunnel.Name}: {string.Join(", then ", tunnel.Destinations)}"
        + (tunnel.Port is { } port ? $" -p {ConfigText.Number(port)}" : "")
        + string.Concat(tunnel.Forwards.Select(f => $" {f}")) + (tunnel.Enabled ? "" : " (disabled)");
}

using System.Globalization;
using System.Text;
using SshKeep.Demo;

namespace SshKeep.Bench.Soak;

/// <summary>
/// The tunnels file for a <see cref="TunnelLayout"/>: the daemon's defaults except ssh's keepalive
/// (2 s × 2, as in bench/faults), the throwaway sshd's port, key and known_hosts, and one forward
/// per tunnel to the echo server. A toggled tunnel sets health.probe_interval, which merges with
/// the defaults key by key (docs/config.md).
/// </summary>
internal static class SoakConfig
{
    public const int ServerAliveInterval = 2;

    public const int ServerAliveCountMax = 2;

    /// <param name="backoffMax">backoff.max in seconds for every tunnel; null for the daemon's default.</param>
    public static string Render(TunnelLayout layout, ThrowawaySshd sshd, int echoPort, double? backoffMax)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("defaults:");
        yaml.Append(sshd.TunnelKeysYaml("  "));
        yaml.AppendLine(CultureInfo.InvariantCulture, $"  health: {{ server_alive_interval: {ServerAliveInterval}, server_alive_count_max: {ServerAliveCountMax} }}");
        if (backoffMax is { } max) yaml.AppendLine(CultureInfo.InvariantCulture, $"  backoff: {{ max: {max} }}");
        yaml.AppendLine("tunnels:");
        foreach (var tunnel in layout.Current)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  {tunnel.Name}:");
            yaml.AppendLine(CultureInfo.InvariantCulture, $"    destination: {sshd.Destination}");
            yaml.AppendLine(CultureInfo.InvariantCulture,
                $"    forwards: [ {{ {(tunnel.IsRemote ? "remote" : "local")}: \"127.0.0.1:{tunnel.Port}:127.0.0.1:{echoPort}\" }} ]");
            if (layout.Toggled.Contains(tunnel.Name))
                yaml.AppendLine(CultureInfo.InvariantCulture, $"    health: {{ probe_interval: {TunnelLayout.ToggledProbeInterval} }}");
        }
        return yaml.ToString();
    }
}

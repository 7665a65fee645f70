using System.Globalization;

namespace SshKeep.Bench.Footprint;

/// <summary>The harness's command line (bench/footprint passes its arguments through; bench/README.md).</summary>
internal sealed record FootprintOptions
{
    public const string Usage =
        """
        usage: bench/footprint [--counts 1,10,100,300] [--idle SECONDS] [--settle SECONDS] [--quick]
                               [--keepers sshkeep,sshkeep-no-probes,autossh] [--batch N]
                               [--env NAME=VALUE]... [--label TEXT] [--details] [--out FILE]
                               [--sshkeep PATH] [--autossh PATH] [--base-port PORT]
        """;

    public IReadOnlyList<int> Counts { get; init; } = [1, 10, 100, 300];
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(15);
    public IReadOnlyList<KeeperKind> Keepers { get; init; } = [KeeperKind.Sshkeep, KeeperKind.SshkeepNoProbes, KeeperKind.Autossh];
    public int Batch { get; init; } = 25;
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    public string? Label { get; init; }
    public bool Details { get; init; }
    public string? Out { get; init; }
    public string? Sshkeep { get; init; }
    public string Autossh { get; init; } = "/usr/lib/autossh/autossh";
    public int BasePort { get; init; } = 21000;

    /// <summary>The options, or a one-line error naming the bad value and what is accepted.</summary>
    public static (FootprintOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = new FootprintOptions();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        bool quick = false, idleSet = false, settleSet = false, countsSet = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--quick") { quick = true; continue; }
            if (name is "--details") { options = options with { Details = true }; continue; }
            if (name is "-h" or "--help") return (null, "");
            if (i + 1 >= args.Count) return (null, $"{name}: needs a value (or unknown option)");
            var value = args[++i];
            switch (name)
            {
                case "--counts":
                    var counts = value.Split(',').Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 1000 ? n : -1).ToList();
                    if (counts.Count == 0 || counts.Contains(-1)) return (null, $"--counts \"{value}\": expected a comma-separated list of whole numbers from 1 to 1000");
                    options = options with { Counts = counts };
                    countsSet = true;
                    break;
                case "--idle" or "--settle":
                    if (!double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 86400)
                        return (null, $"{name} \"{value}\": expected seconds from 1 to 86400");
                    options = name == "--idle" ? options with { Idle = TimeSpan.FromSeconds(seconds) } : options with { Settle = TimeSpan.FromSeconds(seconds) };
                    if (name == "--idle") idleSet = true; else settleSet = true;
                    break;
                case "--keepers":
                    var keepers = new List<KeeperKind>();
                    foreach (var keeper in value.Split(','))
                    {
                        KeeperKind? kind = keeper switch
                        {
                            "sshkeep" => KeeperKind.Sshkeep,
                            "sshkeep-no-probes" => KeeperKind.SshkeepNoProbes,
                            "autossh" => KeeperKind.Autossh,
                            _ => null,
                        };
                        if (kind is null) return (null, $"--keepers: \"{keeper}\" is not a keeper; expected sshkeep, sshkeep-no-probes or autossh, comma-separated");
                        keepers.Add(kind.Value);
                    }
                    options = options with { Keepers = keepers };
                    break;
                case "--batch":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var batch) || batch < 1)
                        return (null, $"--batch \"{value}\": expected a whole number of tunnels, 1 or more");
                    options = options with { Batch = batch };
                    break;
                case "--env":
                    var equals = value.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0) return (null, $"--env \"{value}\": expected NAME=VALUE (e.g. DOTNET_GCgen0size=0x400000)");
                    environment[value[..equals]] = value[(equals + 1)..];
                    break;
                case "--label": options = options with { Label = value }; break;
                case "--out": options = options with { Out = value }; break;
                case "--sshkeep": options = options with { Sshkeep = value }; break;
                case "--autossh": options = options with { Autossh = value }; break;
                case "--base-port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1024 or > 65000)
                        return (null, $"--base-port \"{value}\": expected a port from 1024 to 65000");
                    options = options with { BasePort = port };
                    break;
                default:
                    return (null, $"unknown option \"{name}\"; see --help");
            }
        }
        if (quick)
        {
            if (!countsSet) options = options with { Counts = [1, 10, 100] };
            if (!idleSet) options = options with { Idle = TimeSpan.FromSeconds(20) };
            if (!settleSet) options = options with { Settle = TimeSpan.FromSeconds(5) };
        }
        if (options.Sshkeep is null) return (null, "--sshkeep PATH is required (bench/footprint passes the published binary)");
        return (options with { Environment = environment }, null);
    }
}

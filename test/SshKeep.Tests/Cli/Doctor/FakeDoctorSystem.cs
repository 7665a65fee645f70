using SshKeep.Cli.Doctor;

namespace SshKeep.Tests.Cli.Doctor;

/// <summary>
/// A machine for doctor, described by tables: what each ssh prints for -V, a small imitation of
/// <c>ssh -G</c> (command-line options first, then a per-host "ssh_config", then ssh's defaults,
/// the first value winning as in ssh), files, known_hosts entries, /proc values and connect outcomes.
/// </summary>
internal sealed class FakeDoctorSystem : IDoctorSystem
{
    public const string OpenSsh = "OpenSSH_9.2p1 Debian-2+deb12u3, OpenSSL 3.0.15 3 Sep 2024";

    public uint UserId { get; init; } = 1000;

    public string? HomeDirectory { get; init; } = "/home/u";

    public string? PathVariable { get; init; } = "/usr/bin:/bin";

    /// <summary>ssh -V per ssh path; a path not listed prints <see cref="OpenSsh"/>.</summary>
    public Dictionary<string, CommandOutput> Versions { get; } = [];

    /// <summary>ssh -G per ssh path that fails instead of printing a configuration.</summary>
    public Dictionary<string, CommandOutput> FailingConfig { get; } = [];

    /// <summary>Per host (as given on the command line): "keyword value" lines of the user's ssh_config.</summary>
    public Dictionary<string, string[]> SshConfig { get; } = [];

    public Dictionary<string, FileFacts> Files { get; } = [];

    /// <summary>Known hosts files that exist, each with the names it holds.</summary>
    public Dictionary<string, string[]> KnownHostsFiles { get; } = [];

    /// <summary>/proc/sys/net/ipv4 values; Linux's defaults unless replaced (null: unreadable).</summary>
    public Dictionary<string, string?> Kernel { get; } = new()
    {
        ["tcp_keepalive_time"] = "7200",
        ["tcp_keepalive_intvl"] = "75",
        ["tcp_keepalive_probes"] = "9",
    };

    /// <summary>"host:port" → outcome; a target not listed refuses.</summary>
    public Dictionary<string, string?> Connects { get; } = [];

    /// <summary>Every ssh -G argv, in order.</summary>
    public List<IReadOnlyList<string>> ConfigCalls { get; } = [];

    public Task<CommandOutput> RunAsync(string sshPath, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments is ["-V"]) return Task.FromResult(Versions.GetValueOrDefault(sshPath) ?? new CommandOutput(0, "", OpenSsh + "\n"));
        ConfigCalls.Add(arguments);
        return Task.FromResult(FailingConfig.GetValueOrDefault(sshPath) ?? new CommandOutput(0, EffectiveConfig(arguments), ""));
    }

    public Task<KnownHostsLookup> FindKnownHostAsync(string file, string name, CancellationToken cancellationToken) =>
        Task.FromResult(!KnownHostsFiles.TryGetValue(file, out var names) ? KnownHostsLookup.NoFile
            : names.Contains(name) ? KnownHostsLookup.Found : KnownHostsLookup.NotFound);

    public string? ReadKernelSetting(string name) => Kernel.GetValueOrDefault(name);

    public FileFacts? InspectFile(string path) => Files.GetValueOrDefault(path);

    public Task<string?> ConnectAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(Connects.TryGetValue($"{host}:{port}", out var problem) ? problem
            : LocalDoctorSystem.ConnectProblem(System.Net.Sockets.SocketError.ConnectionRefused, "Connection refused"));

    private string EffectiveConfig(IReadOnlyList<string> arguments)
    {
        var values = new List<(string Key, string Value)>();
        var identities = new List<string>();
        void Set(string key, string value)
        {
            if (!values.Any(v => v.Key == key)) values.Add((key, value));
        }

        var destination = "";
        for (var i = 1; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "-o":
                    var option = arguments[++i].Split('=', 2);
                    Set(option[0].ToLowerInvariant(), option[1]);
                    break;
                case "-p": Set("port", arguments[++i]); break;
                case "-i": identities.Add(arguments[++i]); break;
                case "-L" or "-R" or "-D": i++; break;
                case "--": destination = arguments[++i]; break;
            }
        }

        var at = destination.LastIndexOf('@');
        var host = at < 0 ? destination : destination[(at + 1)..];
        if (at >= 0) Set("user", destination[..at]);
        foreach (var line in SshConfig.GetValueOrDefault(host) ?? [])
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var key = line[..space].ToLowerInvariant();
            if (key == "identityfile") identities.Add(line[(space + 1)..]);
            else Set(key, line[(space + 1)..]);
        }

        Set("user", "u");
        Set("hostname", host);
        Set("port", "22");
        Set("serveraliveinterval", "0");
        Set("serveralivecountmax", "3");
        Set("stricthostkeychecking", "ask");
        Set("userknownhostsfile", "/home/u/.ssh/known_hosts /home/u/.ssh/known_hosts2");
        Set("globalknownhostsfile", "/etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2");
        if (identities.Count == 0) identities.AddRange(["~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ed25519"]);
        return string.Concat(values.Select(v => $"{v.Key} {v.Value}\n").Concat(identities.Select(i => $"identityfile {i}\n")));
    }
}

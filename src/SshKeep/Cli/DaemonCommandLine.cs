using System.CommandLine;
using SshKeep.Cli.Doctor;
using SshKeep.Config;
using SshKeep.Daemon;
using SshKeep.Logging;
using SshKeep.Native;
using SshKeep.Status;

namespace SshKeep.Cli;

/// <summary>sshkeep's own verbs; the autossh command line never comes here (<see cref="EntryPoint"/>).</summary>
internal static class DaemonCommandLine
{
    // The verbs that select this parser. Not -h: autossh rejects it with usage (R4), and so must `sshkeep -h`.
    public static readonly IReadOnlySet<string> Verbs = new HashSet<string>([.. CommandWordCheck.Commands, "--help", "--version"], StringComparer.Ordinal);

    public static Task<int> RunAsync(string[] args) =>
        // sshkeep stops every ssh itself on SIGTERM/SIGINT: the parser must not cancel, then kill after its short timeout.
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

    /// <summary>Also what packaging/man/sshkeep.1 and packaging/completion/sshkeep are checked against.</summary>
    internal static RootCommand Build()
    {
        var config = new Option<string?>("--config", "-c") { Description = "the tunnels file (default: $SSHKEEP_CONFIG, else ~/.config/sshkeep/tunnels.yaml, or /etc/sshkeep/tunnels.yaml as root)" };
        var runDir = new Option<string?>("--run-dir") { Description = "where the lock, status.json and control socket live (default: $XDG_RUNTIME_DIR/sshkeep, or /run/sshkeep as root)" };
        var logFormat = new Option<string>("--log-format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        var logLevel = new Option<string>("--log-level") { Description = "trace, debug, info, warn, error or critical", DefaultValueFactory = _ => "info" };
        var http = new Option<string?>("--http") { Description = "serve /metrics, /healthz and a web page on ADDRESS:PORT (e.g. 127.0.0.1:9180); overrides the file's http.listen" };
        var json = new Option<bool>("--json") { Description = "print JSON instead of a table" };
        var tunnel = new Argument<string?>("tunnel") { Description = "the tunnel's name", Arity = ArgumentArity.ExactlyOne };
        var optionalTunnel = new Argument<string?>("tunnel") { Description = "one tunnel's name (default: every tunnel)", Arity = ArgumentArity.ZeroOrOne };
        var user = new Option<bool>("--user") { Description = "a systemd user unit instead of a system unit" };
        var write = new Option<bool>("--write") { Description = "write the unit file instead of printing it" };
        var account = new Option<string?>("--account") { Description = "the system unit's User= (default: the invoking user)" };

        var allowUnsafe = new Option<bool>(ConfigFilePermissions.AllowFlag) { Description = "run (and reload) a tunnels file that another user could change (refused otherwise: its author runs commands as you)" };
        var up = new Command("up", "run the tunnels of a config file until stopped (SIGTERM/SIGINT)") { config, runDir, logFormat, logLevel, http, allowUnsafe };
        up.SetAction(async (r, ct) =>
        {
            var format = r.GetValue(logFormat);
            if (format is not ("text" or "json"))
                return Usage($"--log-format \"{format}\": expected text or json");
            if (!DaemonLogLevels.TryParse(r.GetValue(logLevel), out var level))
                return Usage($"--log-level \"{r.GetValue(logLevel)}\": expected trace, debug, info, warn, error or critical");
            HttpListen? httpListen = null;
            if (r.GetValue(http) is { } httpText && !HttpListen.TryParse(httpText, out httpListen, out var httpProblem))
                return Usage($"--http {httpProblem}");
            return await new DaemonHost(new DaemonOptions
            {
                ConfigPath = ConfigPathOf(r.GetValue(config)),
                RunDirectory = r.GetValue(runDir),
                LogFormat = format == "json" ? DaemonLogFormat.Json : DaemonLogFormat.Text,
                LogLevel = level,
                Http = httpListen,
                AllowUnsafeConfigPermissions = r.GetValue(allowUnsafe),
                Environment = ProcessEnvironment(),
            }, Console.Error, TimeProvider.System).RunAsync(ct);
        });

        var status = new Command("status", "show every tunnel's state; exit 0 all up, 1 some not, 3 no daemon") { config, runDir, json };
        status.SetAction(async (r, ct) =>
        {
            var (path, result) = await CallAsync(r.GetValue(config), r.GetValue(runDir), new ControlRequest(ControlCommand.Status), ct);
            var output = StatusView.Render(result, path, TimeProvider.System.GetUtcNow(), r.GetValue(json),
                Console.IsOutputRedirected ? int.MaxValue : Math.Max(80, Console.WindowWidth));
            await Console.Out.WriteAsync(output.StandardOutput);
            await Console.Error.WriteAsync(output.StandardError);
            return output.ExitCode;
        });

        var restart = Control("restart", "stop one tunnel's ssh and start it again now", ControlCommand.Restart, tunnel);
        var retryNow = Control("retry-now", "end the back-off wait of one tunnel, or of all", ControlCommand.RetryNow, optionalTunnel);
        var reload = Control("reload", "read the config file again; only added, removed and changed tunnels are touched", ControlCommand.Reload);
        var stop = Control("stop", "stop every tunnel and the daemon", ControlCommand.Stop);
        Command Control(string name, string description, ControlCommand command, Argument<string?>? tunnelName = null)
        {
            var verb = new Command(name, description) { config, runDir };
            if (tunnelName is not null) verb.Arguments.Add(tunnelName);
            verb.SetAction((r, ct) => SendAsync(r.GetValue(config), r.GetValue(runDir),
                new ControlRequest(command, tunnelName is null ? null : r.GetValue(tunnelName)), ct));
            return verb;
        }

        var check = new Command("check", "validate a config file and print every error; exit 78 when invalid") { config };
        check.SetAction(r =>
        {
            var path = ConfigPathOf(r.GetValue(config));
            var environment = ProcessEnvironment();
            var result = ConfigLoader.Load(path, environment.GetValueOrDefault("HOME"), environment.GetValueOrDefault("PATH"));
            var output = result is ConfigLoadResult.Valid ? Console.Out : Console.Error;
            output.Write(ConfigCheck.Render(result, MachineAddresses()));
            // A warning, not an error: the file is valid; `up` refuses it (docs/config.md).
            if (ConfigFileOnDisk.PermissionProblem(path) is { } unsafeFile)
                output.WriteLine(OneLine.Of($"warning: {unsafeFile}; `sshkeep up` refuses it unless given {ConfigFilePermissions.AllowFlag}", OneLineStyle.QuestionMark));
            return ConfigCheck.ExitCode(result);
        });

        var doctor = new Command("doctor", "check ssh, keys, known_hosts, keepalive settings and each server (the machine alone when there is no tunnels file); exit 0 all good, 1 something needs attention, 78 invalid config") { config };
        doctor.SetAction((r, ct) => DoctorCommand.RunAsync(ConfigPathOf(r.GetValue(config)), new LocalDoctorSystem(TimeProvider.System, ProcessEnvironment()), Console.Out, Console.Error, ct,
            ConfigOrigin(r.GetValue(config))));

        var installService = new Command("install-service", "print (or write) a systemd unit that runs `sshkeep up`") { user, write, config, account };
        installService.SetAction(r => ServiceCommands.Install(ServiceOptions(r) with { Account = r.GetValue(account) }, InstallServiceHost.Current(), Console.Out, Console.Error));

        var uninstallService = new Command("uninstall-service", "stop, disable and remove the unit install-service made for the tunnels file (prints what it would do without --write)") { user, write, config };
        uninstallService.SetAction(r => ServiceCommands.Uninstall(ServiceOptions(r), InstallServiceHost.Current(), Console.Out, Console.Error));
        InstallServiceOptions ServiceOptions(ParseResult r) =>
            new() { User = r.GetValue(user), Write = r.GetValue(write), ConfigPath = r.GetValue(config) ?? ConfigFromEnvironment() };

        var demo = new Command("demo", "start a throwaway sshd on 127.0.0.1 and keep a tunnel to it through injected faults");
        demo.SetAction(async (_, ct) =>
        {
            var keeper = SshKeep.Demo.DemoKeeper.Resolve(Environment.GetEnvironmentVariable(SshKeep.Demo.DemoKeeper.EnvironmentVariable));
            return await new SshKeep.Demo.DemoCommand(keeper, TimeProvider.System).RunAsync(Console.Out, ct);
        });

        var version = new Command("version", "print sshkeep's version (the same line as -V and --version)") { Action = new VersionAction() };

        var root = new RootCommand(HelpText.Text) { up, status, restart, retryNow, reload, stop, check, doctor, installService, uninstallService, demo, version };
        foreach (var option in root.Options.OfType<VersionOption>()) option.Action = new VersionAction();
        var topic = new Argument<string?>("command") { Description = "the command to explain (default: all of them), or config: the tunnels file's keys", Arity = ArgumentArity.ZeroOrOne };
        var key = new Argument<string?>("key") { Description = "after config: the key to explain (default: all of them)", Arity = ArgumentArity.ZeroOrOne };
        var help = new Command("help", "show this help, or one command's: help COMMAND; the tunnels file's keys: help config [KEY]") { topic, key };
        help.SetAction(r => (r.GetValue(topic), r.GetValue(key)) switch
        {
            (HelpText.ConfigTopic, var name) => HelpText.ExplainConfig(name, r.InvocationConfiguration.Output, Console.Error),
            (_, { } extra) => Usage($"help {r.GetValue(topic)} {extra}: only help {HelpText.ConfigTopic} takes a second word"),
            (null, _) => root.Parse(["--help"]).Invoke(),
            ({ } name, _) when root.Subcommands.Any(c => c.Name == name) => root.Parse([name, "--help"]).Invoke(),
            ({ } name, _) => Usage($"help {name}: no such command; the commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))} (and help {HelpText.ConfigTopic} for the tunnels file's keys)"),
        });
        root.Subcommands.Add(help);
        return root;
    }

    private static async Task<(string Path, ControlCallResult Result)> CallAsync(string? config, string? runDir, ControlRequest request,
        CancellationToken ct)
    {
        var path = ConfigPathOf(config);
        var (socket, serviceUid) = DaemonSocket.Find(path, runDir, ProcessEnvironment());
        return (path, await new ControlClient(TimeProvider.System).SendAsync(socket, request, ct, serviceUid));
    }

    private static async Task<int> SendAsync(string? config, string? runDir, ControlRequest request, CancellationToken ct)
    {
        var (path, result) = await CallAsync(config, runDir, request, ct);
        var (line, exitCode) = result.Outcome switch
        {
            ControlCallOutcome.Answered when result.Response!.Ok => (result.Response.Message ?? "ok", ExitCodes.Ok),
            ControlCallOutcome.Answered => ($"sshkeep: {result.Response!.Message ?? result.Response.Error}", ExitCodes.Failure),
            ControlCallOutcome.NoDaemon => ($"sshkeep: no daemon runs {path} ({result.Problem}); start it with `sshkeep up -c {path}`", ExitCodes.NoDaemon),
            _ => ($"sshkeep: cannot reach the daemon for {path}: {result.Problem}", ExitCodes.DaemonUnreachable),
        };
        // The daemon's control characters never reach the terminal (docs/security.md).
        await (exitCode == ExitCodes.Ok ? Console.Out : Console.Error).WriteLineAsync(OneLine.EachLine(line, OneLineStyle.QuestionMark));
        return exitCode;
    }

    /// <summary>For <c>check</c>'s http.listen warning; null when they cannot be listed.</summary>
    private static IReadOnlyCollection<System.Net.IPAddress>? MachineAddresses()
    {
        try
        {
            return [.. System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address)];
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            return null;
        }
    }

    /// <summary>-c, else SSHKEEP_CONFIG, else the XDG default (docs/config.md, "Where the file is").</summary>
    private static string ConfigPathOf(string? given) =>
        Path.GetFullPath(given ?? ConfigFromEnvironment() ?? ConfigLoader.DefaultPath(Environment.IsPrivilegedProcess, ProcessEnvironment()));

    private static string ConfigOrigin(string? given) =>
        given is not null ? "-c" : ConfigFromEnvironment() is not null ? ConfigLoader.PathVariable : "the default";

    private static string? ConfigFromEnvironment() =>
        Environment.GetEnvironmentVariable(ConfigLoader.PathVariable) is { Length: > 0 } path ? path : null;

    private static Dictionary<string, string> ProcessEnvironment() => PosixSpawn.EnvironmentWith(null);

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"sshkeep: {problem}");
        return ExitCodes.Usage;
    }
}

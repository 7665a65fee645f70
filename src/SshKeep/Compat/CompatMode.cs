using SshKeep.Daemon;
using SshKeep.Health;
using SshKeep.Ssh;

namespace SshKeep.Compat;

/// <summary>Runs <see cref="CompatCommandLine"/>'s decision in autossh's order (docs/autossh-rules.md R1).</summary>
internal sealed class CompatMode(TextWriter stdout, TextWriter stderr, TimeProvider time, CompatModeHost host)
{
    public async Task<int> RunAsync(string argv0, IReadOnlyList<string> args)
    {
        // R39, R67: in the -f copy, when the caller read it.
        var lifetimeStart = time.GetUtcNow();
        var environment = host.ReadEnvironment();
        var detachedCopy = Detacher.IsDetachedChild(environment, out var parentStart);
        if (detachedCopy) lifetimeStart = DateTimeOffset.FromUnixTimeSeconds(parentStart);
        var programName = ProcessName.ProgName(argv0);

        var decision = CompatCommandLine.Parse(argv0, args, environment, () => FreePortFinder.FindMonitorPortPair());

        // R42/R2: even for -V and usage, but not after an invalid variable.
        Stream? logFile = null;
        if (decision is not CompatParseResult.Fatal { Environment: null } &&
            environment.TryGetValue("AUTOSSH_LOGFILE", out var logPath) && logPath.Length > 0 &&
            !LogFileTarget.TryOpen(logPath, out logFile, out var openError))
        {
            return Fail(programName, openError, $"{programName}: cannot open AUTOSSH_LOGFILE: {openError}", null, []);
        }

        switch (decision)
        {
            case CompatParseResult.ShowVersion version:
                logFile?.Dispose();
                // R5, R70 (docs/compatibility.md, "Called as sshkeep, or by another name").
                await stdout.WriteLineAsync(programName == host.SshkeepName ? host.SshkeepVersionLine() : version.Line);
                return ExitCodes.Ok;

            case CompatParseResult.Usage usage:
                logFile?.Dispose();
                if (usage.GetoptDiagnostic is { } diagnostic) await stderr.WriteLineAsync(diagnostic);
                await stderr.WriteAsync(usage.Text);
                // R4 (docs/compatibility.md, "Called as sshkeep, or by another name").
                if (programName == host.SshkeepName) await stderr.WriteAsync(host.SshkeepAfterUsage);
                return ExitCodes.Failure;

            case CompatParseResult.Fatal fatal:
                return Fail(programName, fatal.LogMessage, fatal.StderrLine, fatal.Environment, fatal.Notices, logFile);

            case CompatParseResult.Run run:
                return await SuperviseAsync(run, argv0, args, environment.GetValueOrDefault("PATH"), logFile, detachedCopy, lifetimeStart);

            default:
                throw new InvalidOperationException($"unexpected parse result {decision}");
        }
    }

    private async Task<int> SuperviseAsync(CompatParseResult.Run run, string argv0, IReadOnlyList<string> args,
        string? pathVariable, Stream? logFile, bool detachedCopy, DateTimeOffset lifetimeStart)
    {
        var settings = run.Settings;
        using var logging = AutosshLoggerProvider.Create(settings.ProgramName, settings, logFile, stderr, time);
        var log = logging.CreateLogger("sshkeep");

        // The -f copy parses the same arguments again; its parent already logged these lines.
        if (!detachedCopy)
            foreach (var notice in settings.Notices) log.StartupNotice(notice);

        if (settings.Detach && !detachedCopy)
        {
            // R81: the log file stays relative to the caller's directory, the pid file to /.
            if (settings.LogFile is { } relative) Environment.SetEnvironmentVariable("AUTOSSH_LOGFILE", Path.GetFullPath(relative));
            if (!Detacher.TrySpawnDetachedCopy(argv0, args, pathVariable, lifetimeStart, out var error)) return Fatal(error);
            return ExitCodes.Ok; // R80
        }

        using var monitor = settings.Monitor is MonitorSpec.Off
            ? null
            : new AutosshMonitor(settings.Monitor, settings.ProgramName, Environment.ProcessId, settings.Message,
                settings.NetTimeoutMilliseconds, log, time, new Random());
        // R46
        if (monitor?.Open() is { } openFailure) return Fatal(openFailure);

        // R83
        PidFile? pidFile = null;
        if (settings.PidFile is { } pidPath && !PidFile.TryCreate(pidPath, out pidFile, out var pidError)) return Fatal(pidError);

        using (pidFile)
        using (var signals = new SignalListener())
        using (var reaper = new ChildReaper())
        {
            var supervisor = new CompatSupervisor(settings, new PosixSshLauncher(reaper, time), monitor, new ServerReachability(time),
                signals.Signals, log, time, lifetimeStart);
            return await supervisor.RunAsync();
        }

        int Fatal(string message)
        {
            log.StartupError(message);
            return ExitCodes.Failure;
        }
    }

    /// <summary>autossh's log line where autossh logs it, plus (FIX R29) one clear line on stderr.</summary>
    private int Fail(string programName, string logMessage, string stderrLine, CompatEnvironment? environment,
        IReadOnlyList<string> notices, Stream? logFile = null)
    {
        using (var logging = AutosshLoggerProvider.Create(programName, environment, logFile, stderr, time))
        {
            var logger = logging.CreateLogger("sshkeep");
            foreach (var notice in notices) logger.StartupNotice(notice);
            if (logMessage.Length > 0) logger.StartupError(logMessage);
        }

        // Even after an AUTOSSH_DEBUG copy on stderr: it says what is accepted.
        stderr.WriteLine(stderrLine);
        return ExitCodes.Failure;
    }
}

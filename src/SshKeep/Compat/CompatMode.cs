using SshKeep.Daemon;
using SshKeep.Health;
using SshKeep.Ssh;

namespace SshKeep.Compat;

/// <summary>
/// The thin shell of compatibility mode: carries out what <see cref="CompatCommandLine"/> decided,
/// in autossh's start-up order (spec R1): environment, log file, -V/usage, -M, daemonise,
/// monitor listener, pid file, supervision loop.
/// </summary>
internal sealed class CompatMode(TextWriter stdout, TextWriter stderr, TimeProvider time, CompatModeHost host)
{
    public async Task<int> RunAsync(string argv0, IReadOnlyList<string> args)
    {
        // R39: the lifetime clock starts while the environment is read (in the -f copy: when the
        // caller read it, so detaching does not extend the lifetime).
        var lifetimeStart = time.GetUtcNow();
        var environment = host.ReadEnvironment();
        var detachedCopy = Detacher.IsDetachedChild(environment, out var parentStart);
        if (detachedCopy) lifetimeStart = DateTimeOffset.FromUnixTimeSeconds(parentStart);
        var programName = ProcessName.ProgName(argv0);

        var decision = CompatCommandLine.Parse(argv0, args, environment, () => FreePortFinder.FindMonitorPortPair());

        // R42/R2: AUTOSSH_LOGFILE is opened as the last step of reading the environment, so it is
        // created even for -V and usage, but not when an earlier variable was invalid.
        Stream? logFile = null;
        if (decision is not CompatParseResult.Fatal { Environment: null } &&
            environment.TryGetValue("AUTOSSH_LOGFILE", out var logPath) && logPath.Length > 0)
        {
            if (!LogFileTarget.TryOpen(logPath, out logFile, out var openError))
                return Fail(programName, openError, $"{programName}: cannot open AUTOSSH_LOGFILE: {openError}", null, []);
        }

        switch (decision)
        {
            case CompatParseResult.ShowVersion version:
                logFile?.Dispose();
                // Called as sshkeep: sshkeep's one version line; by any other name autossh's (R5, R70).
                await stdout.WriteLineAsync(programName == host.SshkeepName ? host.SshkeepVersionLine() : version.Line);
                return ExitCodes.Ok;

            case CompatParseResult.Usage usage:
                logFile?.Dispose();
                if (usage.GetoptDiagnostic is { } diagnostic) await stderr.WriteLineAsync(diagnostic);
                await stderr.WriteAsync(usage.Text);
                // Called as sshkeep, the daemon's commands follow; as autossh, autossh's usage only (R4).
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
            // R81: the log file stays relative to the caller's directory, the pid file is
            // relative to / as in autossh (it is opened after the directory change).
            if (settings.LogFile is { } relative) Environment.SetEnvironmentVariable("AUTOSSH_LOGFILE", Path.GetFullPath(relative));
            if (!Detacher.TrySpawnDetachedCopy(argv0, args, pathVariable, lifetimeStart, out var error)) return Fatal(error);
            return ExitCodes.Ok; // R80: the foreground process exits 0 at once.
        }

        using var monitor = settings.Monitor is MonitorSpec.Off
            ? null
            : new AutosshMonitor(settings.Monitor, settings.ProgramName, Environment.ProcessId, settings.Message,
                settings.NetTimeoutMilliseconds, log, time, new Random());
        // R46: a bind/listen failure on wp+1 is fatal.
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

    /// <summary>A fatal start-up error: autossh's log line where autossh logs it, plus (FIX R29)
    /// one clear line on stderr; exit 1.</summary>
    private int Fail(string programName, string logMessage, string stderrLine, CompatEnvironment? environment,
        IReadOnlyList<string> notices, Stream? logFile = null)
    {
        using (var logging = AutosshLoggerProvider.Create(programName, environment, logFile, stderr, time))
        {
            var logger = logging.CreateLogger("sshkeep");
            foreach (var notice in notices) logger.StartupNotice(notice);
            if (logMessage.Length > 0) logger.StartupError(logMessage);
        }

        // With AUTOSSH_DEBUG and syslog the log line was already copied to stderr; the clear
        // line still follows, because it says what is accepted.
        stderr.WriteLine(stderrLine);
        return ExitCodes.Failure;
    }
}

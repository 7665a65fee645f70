namespace SshKeep.Cli;

/// <summary>
/// <c>sshkeep uninstall-service [--user] [--write] [-c FILE]</c>: undoes install-service for one
/// tunnels file. Without --write it prints what it would do; with --write it stops and disables
/// that file's unit, removes the unit file and reloads systemd. It removes only the unit
/// install-service made for that file (same name, and the file says it was written by
/// install-service), so the units of other tunnels files, and hand-written ones, stay.
/// </summary>
internal static class UninstallServiceCommand
{
    public static int Run(InstallServiceOptions options, InstallServiceHost host, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (InstallServiceCommand.PlanOrUsage("uninstall-service", options with { Account = null }, host, output, error) is not { } plan)
        {
            return ExitCodes.Usage;
        }
        string path = plan.UnitPath!;
        string unit = InstallServiceUnit.Stem(plan.Spec!.UnitName);
        List<string> scope = options.User ? ["--user"] : [];
        string systemctl = options.User ? "systemctl --user" : "systemctl";

        if (!File.Exists(path))
        {
            error.WriteLine($"sshkeep uninstall-service: no unit at {path} for {plan.Spec.ConfigPath}; nothing to remove");
            return ExitCodes.NoInput;
        }
        if (!File.ReadLines(path).Take(3).Any(l => l.Contains(InstallServiceUnit.WrittenBy, StringComparison.Ordinal)))
        {
            error.WriteLine($"sshkeep uninstall-service: {path} was not written by sshkeep install-service; leaving it alone");
            return ExitCodes.NoInput;
        }

        if (!options.Write)
        {
            output.WriteLine($"would run: {systemctl} disable --now {unit}");
            output.WriteLine($"would remove: {path}");
            output.WriteLine($"would run: {systemctl} daemon-reload");
            output.WriteLine("(add --write to do it)");
            return ExitCodes.Ok;
        }

        if (host.Systemctl([.. scope, "disable", "--now", unit]) is not 0 and var failed)
        {
            error.WriteLine($"sshkeep uninstall-service: `{systemctl} disable --now {unit}` {(failed is null ? "could not be run" : $"failed (exit {failed})")}; {path} is left in place");
            return ExitCodes.Unavailable;
        }
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"sshkeep uninstall-service: cannot remove {path}: {e.Message}");
            return e is UnauthorizedAccessException ? ExitCodes.NoPermission : ExitCodes.CannotCreate;
        }
        output.WriteLine($"stopped and disabled {unit}; removed {path}");
        if (host.Systemctl([.. scope, "daemon-reload"]) is not 0)
            error.WriteLine($"sshkeep uninstall-service: note: `{systemctl} daemon-reload` failed; run it yourself");
        return ExitCodes.Ok;
    }
}

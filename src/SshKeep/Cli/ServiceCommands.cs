namespace SshKeep.Cli;

/// <summary>install-service and uninstall-service (docs/daemon.md, "systemd") around the pure <see cref="InstallServicePlan"/>.</summary>
internal static class ServiceCommands
{
    public static int Install(InstallServiceOptions options, InstallServiceHost host, TextWriter output, TextWriter error)
    {
        if (PlanOrUsage("install-service", options, host, error) is not { } plan) return ExitCodes.Usage;
        var spec = plan.Unit!;
        string unit = spec.Render();
        foreach (string note in plan.Notes) error.WriteLine($"sshkeep install-service: note: {note}");
        if (!File.Exists(spec.ConfigPath))
        {
            error.WriteLine($"sshkeep install-service: note: {spec.ConfigPath} does not exist yet; write it (and check it with `sshkeep check -c {spec.ConfigPath}`) before starting the service");
        }

        if (!options.Write)
        {
            // stdout gets the unit alone, so `sshkeep install-service > sshkeep.service` works.
            output.Write(unit);
            return ExitCodes.Ok;
        }

        string path = plan.UnitPath!;
        try
        {
            WriteAtomically(path, unit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var denied = e is UnauthorizedAccessException;
            var hint = denied && !spec.UserUnit ? " (a system unit needs root: run it with sudo, or use --user)" : "";
            error.WriteLine($"sshkeep install-service: cannot write {path}: {e.Message}{hint}");
            return denied ? ExitCodes.NoPermission : ExitCodes.CannotCreate;
        }

        output.WriteLine($"wrote {path}");
        output.WriteLine($"next: {spec.Systemctl} daemon-reload && {spec.Systemctl} enable --now {InstallServiceUnit.Stem(spec.UnitName)}");
        if (spec.UserUnit)
        {
            output.WriteLine($"      loginctl enable-linger {host.UserName}   # keeps the tunnels up when you are logged out");
        }
        return ExitCodes.Ok;
    }

    public static int Uninstall(InstallServiceOptions options, InstallServiceHost host, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (PlanOrUsage("uninstall-service", options with { Account = null }, host, error) is not { } plan) return ExitCodes.Usage;
        string path = plan.UnitPath!;
        string unit = InstallServiceUnit.Stem(plan.Unit!.UnitName);
        List<string> scope = options.User ? ["--user"] : [];
        string systemctl = plan.Unit.Systemctl;

        if (!File.Exists(path))
        {
            error.WriteLine($"sshkeep uninstall-service: no unit at {path} for {plan.Unit.ConfigPath}; nothing to remove");
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

    /// <summary>Beside, then rename: systemd never reads half a unit, a failed write keeps the old one. Mode 0644.</summary>
    private static void WriteAtomically(string path, string text)
    {
        string directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static InstallServicePlan? PlanOrUsage(string verb, InstallServiceOptions options, InstallServiceHost host, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var plan = InstallServicePlan.Make(options, host);
        if (plan.Error is not { } usage) return plan;
        error.WriteLine($"sshkeep {verb}: {usage}");
        return null;
    }
}

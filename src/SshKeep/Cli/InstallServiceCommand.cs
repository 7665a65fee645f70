namespace SshKeep.Cli;

/// <summary>
/// <c>sshkeep install-service [--user] [--write] [-c FILE] [--account NAME]</c>: prints the
/// systemd unit on stdout, or writes it where systemd looks for it. A thin shell around the
/// pure <see cref="InstallServicePlan"/> and <see cref="InstallServiceUnit"/>.
/// </summary>
internal static class InstallServiceCommand
{
    public static int Run(InstallServiceOptions options, InstallServiceHost host, TextWriter output, TextWriter error)
    {
        if (PlanOrUsage("install-service", options, host, output, error) is not { } plan) return ExitCodes.Usage;
        var spec = plan.Spec!;
        string unit = InstallServiceUnit.Render(spec);
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
        catch (UnauthorizedAccessException e)
        {
            error.WriteLine($"sshkeep install-service: cannot write {path}: {e.Message}{(spec.UserUnit ? "" : " (a system unit needs root: run it with sudo, or use --user)")}");
            return ExitCodes.NoPermission;
        }
        catch (IOException e)
        {
            error.WriteLine($"sshkeep install-service: cannot write {path}: {e.Message}");
            return ExitCodes.CannotCreate;
        }

        string systemctl = spec.UserUnit ? "systemctl --user" : "systemctl";
        output.WriteLine($"wrote {path}");
        output.WriteLine($"next: {systemctl} daemon-reload && {systemctl} enable --now {InstallServiceUnit.Stem(spec.UnitName)}");
        if (spec.UserUnit)
        {
            output.WriteLine($"      loginctl enable-linger {host.UserName}   # keeps the tunnels up when you are logged out");
        }
        return ExitCodes.Ok;
    }

    /// <summary>Write beside, then rename: systemd never reads half a unit, and a failed write leaves the old
    /// one in place. Mode 0644, as systemd expects of unit files.</summary>
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

    /// <summary>The plan for <paramref name="options"/>, or null once its usage error is written as
    /// <c>sshkeep VERB: …</c>: the start both install-service and uninstall-service share.</summary>
    internal static InstallServicePlan? PlanOrUsage(string verb, InstallServiceOptions options, InstallServiceHost host, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var plan = InstallServicePlan.Make(options, host);
        if (plan.Error is not { } usage) return plan;
        error.WriteLine($"sshkeep {verb}: {usage}");
        return null;
    }
}

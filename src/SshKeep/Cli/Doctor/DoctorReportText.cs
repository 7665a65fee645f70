namespace SshKeep.Cli.Doctor;

/// <summary>The text <c>sshkeep doctor</c> prints (docs/doctor.md, "Output"), locked by golden files.</summary>
internal static class DoctorReportText
{
    private const string Indent = "        ";

    public static string Render(DoctorReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"sshkeep doctor: {report.ConfigPath} ({Plural(report.TunnelCount, "tunnel", "tunnels")})\n");
        foreach (var section in report.Sections)
        {
            text.Append('\n').Append(section.Title).Append('\n');
            foreach (var check in section.Checks)
            {
                text.Append("  ").Append(KebabName.Of(check.Verdict).PadRight(6))
                    .Append(check.Subject).Append(": ").Append(check.Finding).Append('\n');
                if (check.Explanation is { } why) text.Append(Indent).Append(why).Append('\n');
                if (check.Fix is { } fix) text.Append(Indent).Append("fix: ").Append(fix).Append('\n');
            }
        }

        var checks = report.Checks.ToList();
        int Count(DoctorVerdict verdict) => checks.Count(c => c.Verdict == verdict);
        text.Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{Count(DoctorVerdict.Ok)} ok, {Count(DoctorVerdict.Info)} info, ")
            .Append(Plural(Count(DoctorVerdict.Warn), "warning", "warnings")).Append(", ")
            .Append(Plural(Count(DoctorVerdict.Fail), "failure", "failures"))
            .Append(report.ExitCode == 0 ? ": all good\n" : ": needs attention (exit status 1)\n");
        return text.ToString();
    }

    private static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}

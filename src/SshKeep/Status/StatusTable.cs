using SshKeep.Daemon;
using SshKeep.Supervision;

namespace SshKeep.Status;

/// <summary>docs/daemon.md, "sshkeep status". LAST ERROR gets what is left of <c>width</c>.</summary>
internal static class StatusTable
{
    /// <summary>When standard output is not a terminal; pass <see cref="int.MaxValue"/> to never cut.</summary>
    public const int DefaultWidth = 120;

    /// <summary>LAST ERROR is never narrower than this, even if the line then gets wider than asked.</summary>
    public const int MinErrorWidth = 16;

    public const string None = "-";

    private const string Gap = "  ";
    private const int ErrorColumn = 6;

    public static IReadOnlyList<string> Headers { get; } =
        ["NAME", "STATE", "SINCE", "UPTIME", "RESTARTS", "LAST EXIT", "LAST ERROR", "NEXT RETRY"];

    public static string Render(StatusSnapshot snapshot, DateTimeOffset now, int width = DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var rows = snapshot.Tunnels.Select(t => Cells(t, now)).ToList();
        int[] widths = Headers.Select((header, column) => rows.Select(r => r[column].Length).Append(header.Length).Max()).ToArray();

        int others = widths.Where((_, column) => column != ErrorColumn).Sum() + Gap.Length * (Headers.Count - 1);
        int budget = Math.Max(MinErrorWidth, width - others);
        widths[ErrorColumn] = Math.Min(widths[ErrorColumn], budget);
        foreach (var row in rows) row[ErrorColumn] = OneLine.Cut(row[ErrorColumn], widths[ErrorColumn]);

        var table = new StringBuilder();
        foreach (var row in rows.Prepend([.. Headers]))
        {
            var line = new StringBuilder();
            for (int column = 0; column < row.Length; column++)
            {
                if (column > 0) line.Append(Gap);
                line.Append(column == row.Length - 1 ? row[column] : row[column].PadRight(widths[column]));
            }
            table.Append(line.ToString().TrimEnd()).Append('\n');
        }
        return table.ToString();
    }

    public static string StateText(TunnelStatus tunnel)
    {
        ArgumentNullException.ThrowIfNull(tunnel);
        string name = KebabName.Of(tunnel.State);
        return tunnel is { State: TunnelState.WaitingForRemotePort, HeldRemotePort: int port }
            ? string.Create(CultureInfo.InvariantCulture, $"{name} ({port})")
            : name;
    }

    private static string[] Cells(TunnelStatus tunnel, DateTimeOffset now) =>
    [
        OneLine.Of(tunnel.Name, OneLineStyle.QuestionMark),
        StateText(tunnel),
        DurationText.Elapsed(now - tunnel.Since),
        tunnel.UpSince is { } upSince ? DurationText.Elapsed(now - upSince) : None,
        tunnel.Restarts.ToString(CultureInfo.InvariantCulture),
        string.IsNullOrEmpty(tunnel.LastExit) ? None : OneLine.Of(tunnel.LastExit, OneLineStyle.QuestionMark),
        string.IsNullOrEmpty(tunnel.LastError) || tunnel.ErrorIsPast ? None : OneLine.Of(tunnel.LastError, OneLineStyle.QuestionMark),
        tunnel.NextRetry is { } next ? (next <= now ? "now" : DurationText.Remaining(next - now)) : None,
    ];
}

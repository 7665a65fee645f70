using System.Globalization;
using System.Text;

namespace SshKeep.Bench;

/// <summary>
/// What happened in one trial, stamped; rendered sorted by time (some events are only read after
/// the fact), in seconds since the trial began, for the trial's log.
/// </summary>
internal sealed class TrialNarrative(TimeProvider time)
{
    private readonly List<(long At, string Text)> _lines = [];
    private readonly long _origin = time.GetTimestamp();

    public void Say(string text) => Say(time.GetTimestamp(), text);

    public void Say(long at, string text)
    {
        lock (_lines) _lines.Add((at, text));
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        lock (_lines)
        {
            foreach (var (at, line) in _lines.OrderBy(n => n.At))
                text.Append(CultureInfo.InvariantCulture, $"{time.GetElapsedTime(_origin, at).TotalSeconds,9:0.000}  {line}\n");
        }
        return text.ToString();
    }
}

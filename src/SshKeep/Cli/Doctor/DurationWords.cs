using System.Globalization;
using System.Text;

namespace SshKeep.Cli.Doctor;

/// <summary>A duration as doctor writes it: "2 h 11 min 15 s", "30 s" (whole seconds, zero parts left out).</summary>
public static class DurationWords
{
    public static string Of(long seconds)
    {
        if (seconds <= 0) return "0 s";
        var text = new StringBuilder();
        Part(seconds / 86400, "d");
        Part(seconds % 86400 / 3600, "h");
        Part(seconds % 3600 / 60, "min");
        Part(seconds % 60, "s");
        return text.ToString();

        void Part(long value, string unit)
        {
            if (value == 0) return;
            if (text.Length > 0) text.Append(' ');
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
        }
    }
}

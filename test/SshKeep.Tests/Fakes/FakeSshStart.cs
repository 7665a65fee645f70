using System.Globalization;
using System.Text;

namespace SshKeep.Tests.Fakes;

/// <summary>One start of the fake-ssh script, as it recorded itself in FAKE_SSH_LOG.</summary>
/// <param name="Pid">The pid it ran as (the pid the supervisor saw as its child).</param>
/// <param name="At">When it started, to the millisecond (wall clock, from date(1)).</param>
/// <param name="Arguments">argv[1..] exactly as received.</param>
public sealed record FakeSshStart(int Pid, DateTimeOffset At, IReadOnlyList<string> Arguments)
{
    /// <summary>Reads one record line: pid TAB ms TAB escaped args (see the script's header).</summary>
    public static FakeSshStart Parse(string line)
    {
        var fields = line.Split('\t');
        if (fields.Length < 2) throw new FormatException($"not a fake-ssh record: \"{line}\"");
        return new FakeSshStart(
            int.Parse(fields[0], CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(fields[1], CultureInfo.InvariantCulture)),
            [.. fields.Skip(2).Select(Unescape)]);
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i + 1 == field.Length)
            {
                text.Append(field[i]);
                continue;
            }
            text.Append(field[++i] switch
            {
                't' => '\t',
                'n' => '\n',
                var other => other, // "\\" and anything the script never writes
            });
        }
        return text.ToString();
    }
}

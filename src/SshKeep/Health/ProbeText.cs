using System.Globalization;
using System.Text;

namespace SshKeep.Health;

/// <summary>How probe failures show bytes and times: one short line, no raw control characters.</summary>
internal static class ProbeText
{
    /// <summary>Characters of a reply shown before it is cut with "…".</summary>
    public const int MaxShown = 32;

    /// <summary>
    /// Bytes as a quoted string: UTF-8 where valid, made safe by <see cref="OneLine"/> (with <c>\\ \"</c>
    /// escaped), invalid bytes as <c>\xNN</c>, cut after <paramref name="maxShown"/> characters.
    /// </summary>
    public static string Quote(ReadOnlySpan<byte> bytes, int maxShown = MaxShown)
    {
        var text = new StringBuilder("\"");
        var shown = 0;
        while (!bytes.IsEmpty)
        {
            if (shown == maxShown)
            {
                text.Append('…');
                break;
            }
            var status = System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{bytes[0]:x2}");
                consumed = 1;
            }
            else
            {
                OneLine.Append(text, rune, quoted: true);
            }
            bytes = bytes[consumed..];
            shown++;
        }
        return text.Append('"').ToString();
    }

    public static string Quote(string text, int maxShown = MaxShown) => Quote(Encoding.UTF8.GetBytes(text), maxShown);
}

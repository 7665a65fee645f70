using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SshKeep.Logging;

/// <summary>
/// systemd's native journal protocol, the pure part: one entry is one datagram of fields
/// (docs/observability.md "What journald gets"; systemd's "Native Journal Protocol" document).
/// A value without a newline is written <c>NAME=value\n</c>; a value with one is written in the
/// binary form, <c>NAME\n</c>, its length in bytes as a 64-bit little-endian integer, the bytes,
/// and <c>\n</c>. Values are UTF-8.
/// </summary>
internal static class JournalNativeEncoding
{
    /// <summary>journald ignores longer field names.</summary>
    public const int MaxFieldNameLength = 64;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A name journald accepts from a client: 1–64 of A–Z, 0–9 and '_', not starting
    /// with a digit, and not with '_' (those are the fields journald itself vouches for, like
    /// <c>_PID</c>; it drops them when a client sends them).</summary>
    public static bool IsValidFieldName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxFieldNameLength || name[0] == '_' || char.IsAsciiDigit(name[0])) return false;
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '_') return false;
        }
        return true;
    }

    /// <summary>Appends one field in the simple or the binary form.</summary>
    /// <exception cref="ArgumentException">The name is not one journald accepts (a bug, not input).</exception>
    public static void AppendField(IBufferWriter<byte> output, string name, ReadOnlySpan<char> value)
    {
        ArgumentNullException.ThrowIfNull(output);
        int length = Utf8.GetByteCount(value);
        AppendName(output, name, value.Contains('\n'), length);
        Span<byte> bytes = output.GetSpan(length + 1);
        int written = Utf8.GetBytes(value, bytes);
        bytes[written] = (byte)'\n';
        output.Advance(written + 1);
    }

    /// <summary>Appends one field whose value is already UTF-8.</summary>
    /// <exception cref="ArgumentException">The name is not one journald accepts (a bug, not input).</exception>
    public static void AppendField(IBufferWriter<byte> output, string name, ReadOnlySpan<byte> utf8Value)
    {
        ArgumentNullException.ThrowIfNull(output);
        AppendName(output, name, utf8Value.Contains((byte)'\n'), utf8Value.Length);
        Span<byte> bytes = output.GetSpan(utf8Value.Length + 1);
        utf8Value.CopyTo(bytes);
        bytes[utf8Value.Length] = (byte)'\n';
        output.Advance(utf8Value.Length + 1);
    }

    /// <summary><c>NAME=</c>, or <c>NAME\n</c> and the length for the binary form.</summary>
    private static void AppendName(IBufferWriter<byte> output, string name, bool binary, int length)
    {
        if (!IsValidFieldName(name)) throw new ArgumentException($"'{name}' is not a journal field name (A-Z, 0-9, '_'; not first '_' or a digit)", nameof(name));
        Span<byte> bytes = output.GetSpan(name.Length + 1 + sizeof(ulong));
        for (int i = 0; i < name.Length; i++) bytes[i] = (byte)name[i];
        if (binary)
        {
            bytes[name.Length] = (byte)'\n';
            BinaryPrimitives.WriteUInt64LittleEndian(bytes[(name.Length + 1)..], (ulong)length);
            output.Advance(name.Length + 1 + sizeof(ulong));
        }
        else
        {
            bytes[name.Length] = (byte)'=';
            output.Advance(name.Length + 1);
        }
    }

    /// <summary>One field as bytes (for tests and the documentation's examples).</summary>
    public static byte[] Field(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>(name.Length + value.Length + 16);
        AppendField(buffer, name, value.AsSpan());
        return buffer.WrittenSpan.ToArray();
    }
}

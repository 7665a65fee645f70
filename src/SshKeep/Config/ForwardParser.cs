namespace SshKeep.Config;

/// <summary>A forward's short form as ssh writes it, and the pieces the long form shares (docs/config.md, "forwards").
/// Errors are messages without a key path, for the caller to place.</summary>
internal static class ForwardParser
{
    public const int MaxPort = 65535;

    public static string ShortSyntax(ForwardKind kind) =>
        kind == ForwardKind.Dynamic ? "[bind:]port" : "[bind:]port:host:hostport";

    public static bool TryParse(ForwardKind kind, string text, [NotNullWhen(true)] out ForwardSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        var withTarget = kind != ForwardKind.Dynamic;
        var shortCount = withTarget ? 3 : 1;
        var expected = $"expected {ShortSyntax(kind)}{(withTarget ? " (IPv6 addresses in [brackets])" : "")}";
        if (!TrySplit(text, expected, out var parts, out error))
        {
            return false;
        }

        if (parts.Count != shortCount && parts.Count != shortCount + 1)
        {
            var socks = kind == ForwardKind.Remote && parts.Count is 1 or 2 ? " (a remote SOCKS proxy, ssh -R [bind:]port, is not supported)" : "";
            error = $"{ConfigText.Quote(text)} is not a {KebabName.Of(kind)} forward; {expected}{socks}";
            return false;
        }

        (string Text, bool Bracketed)? bind = parts.Count > shortCount ? parts[0] : null;
        var rest = parts.Skip(parts.Count - shortCount).ToList();
        error = Problems(
            text,
            bind is { } b ? BindError(b.Text, b.Bracketed) : null,
            ListenPortError(kind, rest[0].Text),
            withTarget ? TargetHostError(rest[1].Text, rest[1].Bracketed) : null,
            withTarget ? PortError(rest[2].Text, "target port") : null);
        if (error is not null)
        {
            return false;
        }

        spec = new ForwardSpec(kind, bind?.Text, int.Parse(rest[0].Text, CultureInfo.InvariantCulture),
            withTarget ? rest[1].Text : null, withTarget ? int.Parse(rest[2].Text, CultureInfo.InvariantCulture) : null);
        return true;
    }

    /// <summary>The long form's <c>to</c>: a boxed <c>(string Host, int Port)</c>, or the error.</summary>
    public static (object? Target, string? Error) Target(string text)
    {
        const string expected = "expected host:port (IPv6 addresses in [brackets])";
        var error = !TrySplit(text, expected, out var parts, out var splitError) ? splitError
            : parts.Count != 2 ? $"{ConfigText.Quote(text)} is not host:port; {expected}"
            : Problems(text, TargetHostError(parts[0].Text, parts[0].Bracketed), PortError(parts[1].Text, "port"));
        return error is not null ? (null, error) : ((parts[0].Text, int.Parse(parts[1].Text, CultureInfo.InvariantCulture)), null);
    }

    /// <summary>An empty bind (ssh's <c>:port:…</c>) is refused: it silently means every interface.</summary>
    public static string? BindError(string bind, bool bracketed) =>
        bind.Length == 0 ? "the bind address is empty; write * for every interface, or leave the bind address out for loopback"
        : (bracketed ? HostSyntax.IsIPv6(bind) : bind == "*" || HostSyntax.IsHost(bind)) ? null
        : $"bind address {ConfigText.Quote(bind)} is not * or {HostSyntax.Accepted}";

    public static string? ListenPortError(ForwardKind kind, string port) =>
        kind == ForwardKind.Remote && port == "0"
            ? "remote port 0 asks the server to pick a free port, which sshkeep could neither probe nor report; choose a fixed port from 1 to 65535"
            : PortError(port, "listen port");

    private static string? TargetHostError(string host, bool bracketed) =>
        host.Length == 0 ? "the target host is empty"
        : (bracketed ? HostSyntax.IsIPv6(host) : HostSyntax.IsHost(host)) ? null
        : $"target host {ConfigText.Quote(host)} is not {HostSyntax.Accepted}";

    /// <summary>Digits only: no sign, no service name.</summary>
    public static bool TryPort(string text, out int port)
    {
        port = 0;
        return text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit) &&
               int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= MaxPort;
    }

    private static string? PortError(string port, string what) =>
        TryPort(port, out _) ? null : $"{what} {ConfigText.Quote(port)} is not a whole number from 1 to 65535";

    /// <summary>Null when a bracket is misplaced.</summary>
    public static List<(string Text, bool Bracketed)>? Split(string text) =>
        TrySplit(text, "", out var parts, out _) ? parts : null;

    private static string? Problems(string text, params string?[] problems) =>
        problems.Any(p => p is not null) ? $"{ConfigText.Quote(text)}: {string.Join("; ", problems.Where(p => p is not null))}" : null;

    /// <summary>Splits at ':' outside brackets; a bracketed part must be a whole part.</summary>
    private static bool TrySplit(
        string text, string expected, out List<(string Text, bool Bracketed)> parts, [NotNullWhen(false)] out string? error)
    {
        parts = [];
        error = null;
        string Misplaced(string what) => $"{ConfigText.Quote(text)} has {what}; {expected}";
        var current = new StringBuilder();
        var bracketed = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '[' && current.Length == 0 && !bracketed)
            {
                var close = text.IndexOf(']', i + 1);
                if (close < 0)
                {
                    error = Misplaced("a '[' without ']'");
                    return false;
                }

                current.Append(text, i + 1, close - i - 1);
                bracketed = true;
                i = close;
                if (i + 1 < text.Length && text[i + 1] != ':')
                {
                    error = Misplaced("text after ']' where ':' belongs");
                    return false;
                }
            }
            else if (c == ':')
            {
                parts.Add((current.ToString(), bracketed));
                current.Clear();
                bracketed = false;
            }
            else if (c is '[' or ']')
            {
                error = Misplaced($"a misplaced '{c}'");
                return false;
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add((current.ToString(), bracketed));
        return true;
    }
}

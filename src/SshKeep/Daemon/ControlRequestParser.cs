namespace SshKeep.Daemon;

/// <summary>Reads a request line in either spelling of docs/daemon.md "Control protocol".</summary>
internal static class ControlRequestParser
{
    public const int MaxTunnelNameLength = 128;

    private const string Commands = "send one of: status, restart NAME, retry-now [NAME], reload, stop";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4 };

    public static bool TryParse(string line, [NotNullWhen(true)] out ControlRequest? request, [NotNullWhen(false)] out ControlResponse? failure)
    {
        ArgumentNullException.ThrowIfNull(line);
        request = null;
        string text = line.Trim(' ', '\t', '\r', '\n');
        string? error = null;
        string? command = null, tunnel = null;
        ControlCommand parsed = default;
        if (text.Length == 0)
        {
            error = $"empty request; {Commands}";
        }
        else if (text[0] == '{')
        {
            error = ReadJson(text, out command, out tunnel);
        }
        else
        {
            string[] words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 2) error = $"too many words in \"{Quote(text)}\"; a request is a command and at most one tunnel name";
            else (command, tunnel) = (words[0], words.Length == 2 ? words[1] : null);
        }
        if (error is null && !KebabName.TryParse(command, out parsed))
        {
            failure = ControlResponse.Failure(ControlErrors.UnknownCommand, $"unknown command \"{Quote(command ?? "")}\"; {Commands}");
            return false;
        }
        error ??= (parsed, tunnel) switch
        {
            (_, not null) when !IsValidTunnelName(tunnel) =>
                $"\"{Quote(tunnel!)}\" is not a tunnel name (letters, digits, '.', '_', '-', at most {MaxTunnelNameLength})",
            (ControlCommand.Restart, null) => "restart needs a tunnel name: restart NAME",
            (ControlCommand.Status or ControlCommand.Reload or ControlCommand.Stop, not null) => $"{KebabName.Of(parsed)} takes no tunnel name",
            _ => null,
        };
        failure = error is null ? null : ControlResponse.Failure(ControlErrors.BadRequest, error);
        request = error is null ? new ControlRequest(parsed, tunnel) : null;
        return request is not null;
    }

    public static bool IsValidTunnelName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxTunnelNameLength &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string? ReadJson(string text, out string? command, out string? tunnel)
    {
        (command, tunnel) = (null, null);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            return $"not valid JSON: {e.Message}";
        }
        catch (ArgumentException)
        {
            // A lone surrogate: no UTF-8 line from the socket decodes to one, but a caller's string may hold it.
            return "not valid JSON: the text is not valid Unicode";
        }
        using (document)
        {
            bool seenCommand = false, seenTunnel = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                string? error = property.Name switch
                {
                    "command" when !seenCommand => ReadText(property, allowNull: false, out command),
                    "tunnel" when !seenTunnel => ReadText(property, allowNull: true, out tunnel),
                    "command" or "tunnel" => $"\"{property.Name}\" is given twice",
                    _ => $"unknown field \"{Quote(property.Name)}\"; the fields are \"command\" and \"tunnel\"",
                };
                if (error is not null) return error;
                seenCommand |= property.Name == "command";
                seenTunnel |= property.Name == "tunnel";
            }
            return seenCommand ? null : "\"command\" is missing";
        }
    }

    /// <summary>An escaped lone surrogate (<c>"\ud800"</c>) is valid JSON syntax but no text (GetString throws).</summary>
    private static string? ReadText(JsonProperty property, bool allowNull, out string? text)
    {
        text = null;
        var kind = property.Value.ValueKind;
        if (kind != JsonValueKind.String && !(allowNull && kind == JsonValueKind.Null))
            return allowNull ? $"\"{property.Name}\" must be a string or null" : $"\"{property.Name}\" must be a string";
        try
        {
            text = property.Value.GetString();
            return null;
        }
        catch (InvalidOperationException)
        {
            return $"\"{property.Name}\" is not valid Unicode text";
        }
    }

    /// <summary>So that an error message stays one short, printable line.</summary>
    private static string Quote(string text) =>
        OneLine.Of(OneLine.Cut(text, 65), OneLineStyle.QuestionMark);
}

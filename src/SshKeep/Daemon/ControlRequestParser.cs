using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace SshKeep.Daemon;

/// <summary>
/// Reads a request line (pure). Two spellings are accepted, so a person can talk to the socket
/// with <c>socat</c> while programs send JSON:
/// <list type="bullet">
/// <item>JSON, one object: <c>{"command":"restart","tunnel":"db"}</c>; the fields are
/// <c>command</c> (a string, required) and <c>tunnel</c> (a string or null); any other field is an
/// error, so a typo is not silently ignored.</item>
/// <item>Words separated by blanks: <c>restart db</c>, <c>retry-now</c>, <c>status</c>.</item>
/// </list>
/// <c>restart</c> needs a tunnel name, <c>retry-now</c> may have one, the others take none. A tunnel
/// name has the config file's syntax (letters, digits, '.', '_', '-'), at most 128 characters.
/// </summary>
internal static class ControlRequestParser
{
    public const int MaxTunnelNameLength = 128;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 4 };

    /// <summary>Parses one line (without its newline; surrounding blanks and a CR are ignored). On
    /// failure, <paramref name="failure"/> is the answer to send back.</summary>
    public static bool TryParse(string line, [NotNullWhen(true)] out ControlRequest? request, [NotNullWhen(false)] out ControlResponse? failure)
    {
        ArgumentNullException.ThrowIfNull(line);
        request = null;
        string text = line.Trim(' ', '\t', '\r', '\n');
        if (text.Length == 0)
        {
            failure = BadRequest("empty request; send one of: status, restart NAME, retry-now [NAME], reload, stop");
            return false;
        }
        string? command;
        string? tunnel;
        if (text[0] == '{')
        {
            if (!TryReadJson(text, out command, out tunnel, out string? jsonError))
            {
                failure = BadRequest(jsonError);
                return false;
            }
        }
        else
        {
            string[] words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 2)
            {
                failure = BadRequest($"too many words in \"{Quote(text)}\"; a request is a command and at most one tunnel name");
                return false;
            }
            command = words[0];
            tunnel = words.Length == 2 ? words[1] : null;
        }
        return TryBuild(command, tunnel, out request, out failure);
    }

    /// <summary>The JSON line a client sends, newline included.</summary>
    public static string Format(ControlRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonText.CompactWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("command", ControlCommandNames.ToName(request.Command));
            if (request.Tunnel is not null) writer.WriteString("tunnel", request.Tunnel);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>Letters, digits, '.', '_', '-', 1 to <see cref="MaxTunnelNameLength"/> characters.</summary>
    public static bool IsValidTunnelName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxTunnelNameLength &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool TryBuild(string? commandName, string? tunnel, [NotNullWhen(true)] out ControlRequest? request, [NotNullWhen(false)] out ControlResponse? failure)
    {
        request = null;
        if (!ControlCommandNames.TryParse(commandName, out var command))
        {
            failure = ControlResponse.Failure(ControlErrors.UnknownCommand,
                $"unknown command \"{Quote(commandName ?? "")}\"; send one of: status, restart NAME, retry-now [NAME], reload, stop");
            return false;
        }
        if (tunnel is not null && !IsValidTunnelName(tunnel))
        {
            failure = BadRequest($"\"{Quote(tunnel)}\" is not a tunnel name (letters, digits, '.', '_', '-', at most {MaxTunnelNameLength})");
            return false;
        }
        switch (command.Value, tunnel)
        {
            case (ControlCommand.Restart, null):
                failure = BadRequest("restart needs a tunnel name: restart NAME");
                return false;
            case (ControlCommand.Status or ControlCommand.Reload or ControlCommand.Stop, not null):
                failure = BadRequest($"{ControlCommandNames.ToName(command.Value)} takes no tunnel name");
                return false;
        }
        request = new ControlRequest(command.Value, tunnel);
        failure = null;
        return true;
    }

    private static bool TryReadJson(string text, out string? command, out string? tunnel, [NotNullWhen(false)] out string? error)
    {
        (command, tunnel, error) = (null, null, null);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return false;
        }
        catch (ArgumentException)
        {
            // A lone surrogate: no UTF-8 line from the socket decodes to one, but a caller's string may hold it.
            error = "not valid JSON: the text is not valid Unicode";
            return false;
        }
        using (document)
        {
            bool seenCommand = false, seenTunnel = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "command" when !seenCommand:
                        seenCommand = true;
                        if (property.Value.ValueKind != JsonValueKind.String)
                        {
                            error = "\"command\" must be a string";
                            return false;
                        }
                        if (!TryGetText(property.Value, out command))
                        {
                            error = "\"command\" is not valid Unicode text";
                            return false;
                        }
                        break;
                    case "tunnel" when !seenTunnel:
                        seenTunnel = true;
                        if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                        {
                            error = "\"tunnel\" must be a string or null";
                            return false;
                        }
                        if (!TryGetText(property.Value, out tunnel))
                        {
                            error = "\"tunnel\" is not valid Unicode text";
                            return false;
                        }
                        break;
                    case "command" or "tunnel":
                        error = $"\"{property.Name}\" is given twice";
                        return false;
                    default:
                        error = $"unknown field \"{Quote(property.Name)}\"; the fields are \"command\" and \"tunnel\"";
                        return false;
                }
            }
            if (!seenCommand)
            {
                error = "\"command\" is missing";
                return false;
            }
        }
        return true;
    }

    /// <summary>The string's value; false for an escaped lone surrogate (<c>"\ud800"</c>), which
    /// is valid JSON syntax but no text (GetString throws on it).</summary>
    private static bool TryGetText(JsonElement value, out string? text)
    {
        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static ControlResponse BadRequest(string message) => ControlResponse.Failure(ControlErrors.BadRequest, message);

    /// <summary>Echoes at most 64 characters of what the client sent, unsafe characters shown as '?'
    /// (<see cref="OneLine"/>), so an error message stays one short, printable line.</summary>
    private static string Quote(string text) =>
        OneLine.Of(OneLine.Cut(text, 65), OneLineStyle.QuestionMark);
}

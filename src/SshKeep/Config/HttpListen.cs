namespace SshKeep.Config;

/// <summary><c>--http</c> or <c>http.listen</c> (docs/observability.md). Never a host name but localhost: a name could
/// resolve to an address the user did not mean to open.</summary>
internal sealed record HttpListen(IPAddress Address, int Port)
{
    /// <summary>What <c>http: {}</c> without <c>listen</c> binds.</summary>
    public static readonly HttpListen Default = new(IPAddress.Loopback, 9180);

    public const string Accepted = "ADDRESS:PORT such as 127.0.0.1:9180 or [::1]:9180, or a port alone (127.0.0.1)";

    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>A URL authority: <c>127.0.0.1:9180</c>, <c>[::1]:9180</c>.</summary>
    public override string ToString() => new IPEndPoint(Address, Port).ToString();

    public static bool TryParse(string? text, [NotNullWhen(true)] out HttpListen? listen, [NotNullWhen(false)] out string? error)
    {
        var value = text ?? "";
        // Split as a forward is: an IPv6 address needs brackets, or its last group would be read as the port.
        var (host, port) = ForwardParser.Split(value) is { Count: 1 or 2 } parts && !parts[^1].Bracketed
            ? (parts.Count == 1 ? "127.0.0.1" : parts[0].Text, parts[^1].Text)
            : ("", "");
        var address = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback : HostSyntax.Address(host);
        var portOk = ForwardParser.TryPort(port, out var number);
        // The last two: no socket of the daemon's can ever listen there (docs/observability.md, "Listening").
        error = address is null || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0) || !portOk
                ? $"{ConfigText.Quote(value)} is not a listen address; expected {Accepted}"
            : address.IsIPv6LinkLocal
                ? $"{ConfigText.Quote(value)} is an IPv6 link-local address, which needs an interface (scope id) sshkeep does not take; listen on 127.0.0.1, [::1] or a global address"
            : address.IsIPv4MappedToIPv6
                ? string.Create(CultureInfo.InvariantCulture, $"{ConfigText.Quote(value)} is an IPv4 address written as IPv6; write it as {address.MapToIPv4()}:{number}")
            : null;
        listen = error is null ? new HttpListen(address!, number) : null;
        return listen is not null;
    }

    /// <summary>Interfaces come and go, so check only warns.</summary>
    public bool IsOnThisMachine(IEnumerable<IPAddress> machineAddresses)
    {
        ArgumentNullException.ThrowIfNull(machineAddresses);
        return Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any) || IPAddress.IsLoopback(Address) || machineAddresses.Contains(Address);
    }
}

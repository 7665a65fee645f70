namespace SshKeep.Config;

/// <summary>A tunnel's forwards with what decides where they listen, taken from its layer so that
/// clashes are found even in a tunnel that has other mistakes (every error at once).</summary>
/// <param name="Destinations">Null when the destination is missing or invalid: its remote forwards
/// are then not compared.</param>
internal sealed record ListenOwner(string Name, bool Enabled, IReadOnlyList<string>? Destinations, int? Port, IReadOnlyList<Located<ForwardSpec>> Forwards);

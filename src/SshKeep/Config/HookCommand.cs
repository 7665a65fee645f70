namespace SshKeep.Config;

/// <summary>What runs is <see cref="Argv"/>; <see cref="ShellScript"/> only says how a <c>shell:</c> hook was written.</summary>
internal sealed record HookCommand(IReadOnlyList<string> Argv, string? ShellScript)
{
    /// <summary>Absolute, so PATH cannot change it.</summary>
    public const string ShellPath = "/bin/sh";

    public static HookCommand Direct(IReadOnlyList<string> argv) =>
        argv.Count > 0 ? new([.. argv], null) : throw new ArgumentException("a hook needs at least a program", nameof(argv));

    public static HookCommand Shell(string script) => new([ShellPath, "-c", script], script);

    public bool Equals(HookCommand? other) =>
        other is not null && ShellScript == other.ShellScript && Argv.SequenceEqual(other.Argv);

    public override int GetHashCode() => HashCode.Combine(ShellScript, Argv.Count, Argv.FirstOrDefault());

    public override string ToString() =>
        ShellScript is { } script ? $"sh -c {ConfigText.Quote(script)}" : string.Join(' ', Argv.Select(QuoteIfNeeded));

    private static string QuoteIfNeeded(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\') ? word : ConfigText.Quote(word);
}

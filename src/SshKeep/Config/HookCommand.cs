namespace SshKeep.Config;

/// <summary>One hook's command (docs/config.md, "hooks"): what runs is <see cref="Argv"/>, a bare argv[0] looked up in
/// PATH; <see cref="ShellScript"/>, the script of a <c>shell:</c> hook, only says how it was written (for logs).</summary>
internal sealed record HookCommand(IReadOnlyList<string> Argv, string? ShellScript)
{
    /// <summary>The shell a <c>shell:</c> hook runs under. Absolute, so PATH cannot change it.</summary>
    public const string ShellPath = "/bin/sh";

    public static HookCommand Direct(IReadOnlyList<string> argv)
    {
        if (argv.Count == 0) throw new ArgumentException("a hook needs at least a program", nameof(argv));
        return new HookCommand([.. argv], null);
    }

    public static HookCommand Shell(string script) => new([ShellPath, "-c", script], script);

    /// <summary>Structural: two hooks are equal when they run the same argv.</summary>
    public bool Equals(HookCommand? other) =>
        other is not null && ShellScript == other.ShellScript && Argv.SequenceEqual(other.Argv);

    public override int GetHashCode() => HashCode.Combine(ShellScript, Argv.Count, Argv.FirstOrDefault());

    /// <summary>How logs show it: <c>/usr/local/bin/notify up</c>, or <c>sh -c "…"</c>.</summary>
    public override string ToString() =>
        ShellScript is { } script ? $"sh -c {ConfigText.Quote(script)}" : string.Join(' ', Argv.Select(QuoteIfNeeded));

    private static string QuoteIfNeeded(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\') ? word : ConfigText.Quote(word);
}

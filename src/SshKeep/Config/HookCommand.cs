namespace SshKeep.Config;

/// <summary>One hook's command: an argv run without a shell, or, only when the file asks with <c>{ shell: "…" }</c>,
/// a script run by <c>/bin/sh -c</c>. Either way what runs is <see cref="Argv"/>; <see cref="ShellScript"/> only says
/// how it was written (for logs).</summary>
internal sealed record HookCommand
{
    /// <summary>The shell a <c>shell:</c> hook runs under. Absolute, so PATH cannot change it.</summary>
    public const string ShellPath = "/bin/sh";

    private HookCommand(IReadOnlyList<string> argv, string? shellScript) => (Argv, ShellScript) = (argv, shellScript);

    /// <summary>argv[0] (a bare name is looked up in PATH when the hook runs) and its arguments.</summary>
    public IReadOnlyList<string> Argv { get; }

    /// <summary>The script of a <c>shell:</c> hook; null for an argv hook.</summary>
    public string? ShellScript { get; }

    public static HookCommand Direct(IReadOnlyList<string> argv)
    {
        if (argv.Count == 0) throw new ArgumentException("a hook needs at least a program", nameof(argv));
        return new HookCommand([.. argv], null);
    }

    public static HookCommand Shell(string script) => new([ShellPath, "-c", script], script);

    /// <summary>Structural: two hooks are equal when they run the same argv.</summary>
    public bool Equals(HookCommand? other) =>
        other is not null && ShellScript == other.ShellScript && Argv.SequenceEqual(other.Argv);

    public override int GetHashCode() => HashCode.Combine(ShellScript, Argv.Count, Argv[0]);

    /// <summary>How logs show it: <c>/usr/local/bin/notify up</c>, or <c>sh -c "…"</c>.</summary>
    public override string ToString() =>
        ShellScript is { } script ? $"sh -c {ConfigText.Quote(script)}" : string.Join(' ', Argv.Select(QuoteIfNeeded));

    private static string QuoteIfNeeded(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\') ? word : ConfigText.Quote(word);
}

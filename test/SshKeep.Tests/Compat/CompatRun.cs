using SshKeep.Compat;

namespace SshKeep.Tests.Compat;

/// <summary>Shorthands for calling <see cref="CompatCommandLine.Parse"/> from test tables.</summary>
internal static class CompatRun
{
    public const string Argv0 = "/usr/lib/autossh/autossh";

    /// <summary>A picker that fails the test: it must not be asked when a spec is given.</summary>
    public static int? NoPicker() => throw new InvalidOperationException("pickFreeMonitorPort must not be called");

    /// <summary>"NAME=value" pairs; a pair without '=' sets an empty value.</summary>
    public static IReadOnlyDictionary<string, string> Env(params string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

    public static CompatParseResult Parse(string[] args, params string[] env) =>
        CompatCommandLine.Parse(Argv0, args, Env(env), NoPicker);

    public static CompatParseResult.Run Run(string[] args, params string[] env)
    {
        var result = Parse(args, env);
        return Assert.IsType<CompatParseResult.Run>(result);
    }

    public static CompatParseResult.Fatal Fatal(string[] args, params string[] env)
    {
        var result = Parse(args, env);
        return Assert.IsType<CompatParseResult.Fatal>(result);
    }

    /// <summary>argv shown on one line; empty or spaced elements in single quotes.</summary>
    public static string Show(IEnumerable<string> argv) =>
        string.Join(" ", argv.Select(a => a.Length == 0 || a.Contains(' ') ? $"'{a}'" : a));

    /// <summary>Splits a table cell on spaces ("" gives no elements).</summary>
    public static string[] Words(string line) =>
        line.Length == 0 ? [] : line.Split(' ');
}

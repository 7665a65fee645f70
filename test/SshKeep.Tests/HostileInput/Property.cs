using System.Text;

namespace SshKeep.Tests.HostileInput;

/// <summary>
/// A tiny property runner: a seeded <see cref="Random"/> makes the cases, so the seed (which is
/// the theory's argument and so part of the test's name) and the case number reproduce a failure
/// exactly. A failing case is reported with the seed, the case number and the input, shown with
/// its control characters escaped.
/// </summary>
internal static class Property
{
    /// <summary>Runs <paramref name="check"/> on <paramref name="cases"/> inputs made by
    /// <paramref name="generate"/> from <c>new Random(seed)</c>.</summary>
    public static void ForAll<T>(int seed, int cases, Func<Random, T> generate, Action<T> check, Func<T, string>? describe = null)
    {
        var random = new Random(seed);
        for (var i = 0; i < cases; i++)
        {
            var input = generate(random);
            try
            {
                check(input);
            }
            catch (Exception e)
            {
                throw new PropertyFailedException(seed, i, Describe(input, describe), e);
            }
        }
    }

    /// <summary>As <see cref="ForAll{T}"/>, for checks that await.</summary>
    public static async Task ForAllAsync<T>(int seed, int cases, Func<Random, T> generate, Func<T, Task> check, Func<T, string>? describe = null)
    {
        var random = new Random(seed);
        for (var i = 0; i < cases; i++)
        {
            var input = generate(random);
            try
            {
                await check(input);
            }
            catch (Exception e)
            {
                throw new PropertyFailedException(seed, i, Describe(input, describe), e);
            }
        }
    }

    /// <summary>The text with every control character (C0, DEL, C1, U+2028/9) escaped and cut to
    /// <paramref name="max"/> characters, so a failure message is readable.</summary>
    public static string Show(string text, int max = 400)
    {
        var shown = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029' || char.IsSurrogate(c)) shown.Append($"\\u{(int)c:x4}");
            else shown.Append(c);
        }
        if (text.Length > max) shown.Append($"… ({text.Length} chars)");
        return shown.ToString();
    }

    private static string Describe<T>(T input, Func<T, string>? describe) =>
        describe is not null ? describe(input)
        : input is string s ? "\"" + Show(s) + "\""
        : input is IEnumerable<string> list ? "[" + string.Join(", ", list.Select(x => "\"" + Show(x, 80) + "\"")) + "]"
        : input?.ToString() ?? "null";
}

/// <summary>A property failed: which seed, which case, which input.</summary>
internal sealed class PropertyFailedException(int seed, int caseNumber, string input, Exception inner)
    : Exception($"seed {seed}, case {caseNumber}: {inner.GetType().Name}: {inner.Message}\ninput: {input}", inner);

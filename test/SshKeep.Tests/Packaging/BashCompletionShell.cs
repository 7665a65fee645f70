using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.Packaging;

/// <summary>
/// packaging/completion/sshkeep in a plain bash (<c>bash --norc --noprofile</c>, no
/// bash-completion package): sourced, then <c>_sshkeep</c> called with COMP_WORDS and COMP_CWORD set
/// as bash sets them when Tab is pressed after the last word.
/// </summary>
internal static class BashCompletionShell
{
    public static string ScriptPath { get; } = Path.Combine(ManPageRoff.RepositoryRoot(), "packaging", "completion", "sshkeep");

    /// <summary>What Tab offers after <paramref name="words"/> (the last one is the word being
    /// completed, "" for a new one), sorted, and what the completion wrote on stderr.</summary>
    public static async Task<(string[] Replies, string StandardError)> CompleteAsync(string[] words, string? directory = null)
    {
        const string Script = """
            [ -z "${COMPLETION_CWD-}" ] || cd "$COMPLETION_CWD" || exit 99
            source "$COMPLETION_SCRIPT" || exit 98
            COMP_WORDS=("$@")
            COMP_CWORD=$(($# - 1))
            COMPREPLY=()
            _sshkeep
            [ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\n' "${COMPREPLY[@]}"
            """;
        var result = await Run.ProgramAsync("bash", ["--norc", "--noprofile", "-c", Script, "bash", .. words], TimeSpan.FromSeconds(30),
            new Dictionary<string, string?> { ["COMPLETION_SCRIPT"] = ScriptPath, ["COMPLETION_CWD"] = directory });
        Assert.Equal(0, result.ExitCode);
        return ([.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)], result.StandardError);
    }

    /// <summary>The value of a shell expression after the script is sourced, e.g. <c>$_sshkeep_commands</c>.</summary>
    public static async Task<string> EvaluateAsync(string command)
    {
        var result = await Run.SuccessfullyAsync("bash", ["--norc", "--noprofile", "-c", $"source \"$COMPLETION_SCRIPT\" && {command}"],
            environment: new Dictionary<string, string?> { ["COMPLETION_SCRIPT"] = ScriptPath });
        return result.StandardOutput.Trim();
    }
}

using SshKeep.Demo;

namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// Runs a helper program from a test with a deadline, capturing its output (the product's
/// <see cref="ProcessRunner"/> with test defaults). A program that hangs is killed, never waited for.
/// </summary>
internal static class Run
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public static Task<ProcessResult> ProgramAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan? deadline = null,
        IReadOnlyDictionary<string, string?>? environment = null, string? standardInput = null) =>
        ProcessRunner.RunAsync(fileName, arguments, deadline ?? DefaultDeadline, environment, standardInput);

    /// <summary>Runs it and fails the test, with everything it printed, unless it exits 0.</summary>
    public static async Task<ProcessResult> SuccessfullyAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan? deadline = null,
        IReadOnlyDictionary<string, string?>? environment = null) =>
        (await ProgramAsync(fileName, arguments, deadline, environment)).EnsureSuccess();
}

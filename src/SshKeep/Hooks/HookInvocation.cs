using SshKeep.Config;

namespace SshKeep.Hooks;

/// <summary>One hook to run: for which tunnel and event, what, with which variables, for how long at most.</summary>
/// <param name="Environment">The SSHKEEP_* variables (<see cref="HookEnvironment"/>), added to the daemon's environment.</param>
internal sealed record HookInvocation(
    string Tunnel,
    HookEvent Event,
    HookCommand Command,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout);

using SshKeep.Config;

namespace SshKeep.Hooks;

/// <param name="Environment">Added to the daemon's environment.</param>
internal sealed record HookInvocation(
    string Tunnel,
    HookEvent Event,
    HookCommand Command,
    IReadOnlyDictionary<string, string> Environment,
    TimeSpan Timeout);

using SshKeep.Demo;

namespace SshKeep.Bench.Faults;

/// <summary>One change of a keeper's ssh child, as seen in /proc.</summary>
/// <param name="Kind">Started (first seen as the keeper's child running ssh), exited (a zombie) or reaped (gone).</param>
/// <param name="Ssh">Which ssh.</param>
internal readonly record struct SshChildEvent(SshChildEventKind Kind, ProcessIdentity Ssh);

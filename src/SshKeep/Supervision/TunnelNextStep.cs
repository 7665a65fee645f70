namespace SshKeep.Supervision;

/// <summary>What the retry policy decided after a run: the state to show, how long to wait, and
/// the consecutive-failure count to carry on with.</summary>
internal sealed record TunnelNextStep(TunnelState State, TimeSpan Delay, int Failures, int? HeldRemotePort, string Reason);

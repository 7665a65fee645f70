namespace SshKeep.Tests.Metrics;

/// <summary>One metric family as parsed: its HELP (unescaped), TYPE and samples in order.</summary>
public sealed record PrometheusFamily(string Name, string Type, string Help, IReadOnlyList<PrometheusSample> Samples);

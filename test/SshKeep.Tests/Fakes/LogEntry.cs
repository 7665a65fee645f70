using Microsoft.Extensions.Logging;

namespace SshKeep.Tests.Fakes;

/// <summary>One recorded log call.</summary>
public sealed record LogEntry(int EventId, LogLevel Level, string Message);

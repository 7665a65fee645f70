using SshKeep.Compat;

namespace SshKeep.Tests.Compat;

/// <summary>Records what reaches the target: (syslog severity, text).</summary>
public sealed class RecordingLogTarget : IAutosshLogTarget
{
    private readonly object _gate = new();
    private readonly List<(int Severity, string Text)> _lines = [];

    public IReadOnlyList<(int Severity, string Text)> Lines
    {
        get { lock (_gate) return [.. _lines]; }
    }

    public bool Disposed { get; private set; }

    public void Write(int severity, string text)
    {
        lock (_gate) _lines.Add((severity, text));
    }

    public void Dispose() => Disposed = true;
}

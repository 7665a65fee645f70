using System.Globalization;

namespace SshKeep.Bench.Soak;

/// <summary>
/// The run's timeline: every line stamped with seconds since the start, appended to the log file
/// at once (an interrupted or crashed run keeps it), and the lines worth a person's attention
/// (<see cref="Progress"/>) echoed to the progress writer (stderr for the bench, the test's output).
/// </summary>
internal sealed class SoakLog(string path, TextWriter progress, TimeProvider time) : IDisposable
{
    private readonly StreamWriter _file = new(path, append: false) { AutoFlush = true };
    private readonly long _origin = time.GetTimestamp();
    private readonly Lock _gate = new();

    public string Path { get; } = path;

    /// <summary>Seconds since the run started at <paramref name="timestamp"/>.</summary>
    public TimeSpan Since(long timestamp) => time.GetElapsedTime(_origin, timestamp);

    public TimeSpan Elapsed => time.GetElapsedTime(_origin);

    /// <summary>Into the log file only.</summary>
    public void Detail(string text) => Write(text, echo: false);

    /// <summary>Into the log file and to the progress writer.</summary>
    public void Progress(string text) => Write(text, echo: true);

    /// <summary>A block of text (the daemon's output) into the log file, unstamped.</summary>
    public void Block(string heading, string text)
    {
        lock (_gate)
        {
            _file.WriteLine($"--- {heading} ---");
            _file.Write(text);
            if (!text.EndsWith('\n')) _file.WriteLine();
        }
    }

    public void Dispose() => _file.Dispose();

    private void Write(string text, bool echo)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{Elapsed.TotalSeconds,9:0.000}  {text}");
        lock (_gate)
        {
            _file.WriteLine(line);
            if (echo)
            {
                try
                {
                    progress.WriteLine(line);
                }
                catch (InvalidOperationException)
                {
                    // A test's output helper refuses lines after the test ended; the file has them.
                }
            }
        }
    }
}

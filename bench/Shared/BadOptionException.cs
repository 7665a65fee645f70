namespace SshKeep.Bench;

/// <summary>A benchmark's command line is wrong; the message is one line naming the bad value and what is accepted.</summary>
internal sealed class BadOptionException(string message) : Exception(message);

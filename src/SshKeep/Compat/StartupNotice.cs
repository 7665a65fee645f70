using Microsoft.Extensions.Logging;

namespace SshKeep.Compat;

/// <summary>A line autossh logs while starting, in its exact wording (R86 "Start-up, INFO"): the lifetime
/// clamps (R39), <c>port set to 0, monitoring disabled</c> (R55), <c>short poll time: …</c> (R52).</summary>
internal sealed record StartupNotice(LogLevel Level, string Text)
{
    public static StartupNotice Info(string text) => new(LogLevel.Information, text);
}

using Microsoft.Extensions.Logging;

namespace SshKeep.Compat;

/// <summary>
/// A line autossh logs while starting, in its exact wording (R86 "Start-up, INFO"): the
/// lifetime clamps (R39), <c>port set to 0, monitoring disabled</c> (R55) and
/// <c>short poll time: adjusting net timeouts to N</c> (R52).
/// </summary>
/// <remarks>
/// autossh logs the two lifetime clamp lines before syslog is opened, so they go to syslog
/// without a pid even when <c>AUTOSSH_LOGFILE</c> is set (R84); the caller decides whether to
/// copy that detail.
/// </remarks>
internal sealed record StartupNotice(LogLevel Level, string Text);

using Microsoft.Extensions.Logging;

namespace SshKeep.Compat;

internal static class StartupNoticeLogging
{
    /// <summary>Logs a start-up line worded by the parser at its own level.</summary>
    public static void LogStartupNotice(this ILogger logger, StartupNotice notice)
    {
        if (notice.Level >= LogLevel.Error) logger.StartupError(notice.Text);
        else logger.StartupNotice(notice.Text);
    }
}

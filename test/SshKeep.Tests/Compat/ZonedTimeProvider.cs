namespace SshKeep.Tests.Compat;

/// <summary>A fixed instant seen from a chosen local time zone (ManualTimeProvider is always UTC).</summary>
public sealed class ZonedTimeProvider(DateTimeOffset utcNow, TimeZoneInfo zone) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => utcNow;

    public override TimeZoneInfo LocalTimeZone => zone;
}

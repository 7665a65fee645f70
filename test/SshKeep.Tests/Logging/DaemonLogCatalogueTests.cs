using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SshKeep.Logging;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Logging;

/// <summary>Rules every event of the daemon's catalogue keeps.</summary>
public sealed partial class DaemonLogCatalogueTests
{
    private static readonly MethodInfo[] Events =
        [.. typeof(DaemonLog).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetCustomAttribute<LoggerMessageAttribute>() is not null)];

    public static TheoryData<string> EventNames => [.. Events.Select(m => m.Name)];

    [Fact]
    public void Event_ids_are_unique_and_in_the_daemon_range()
    {
        var ids = Events.Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()!.EventId).ToList();

        Assert.True(Events.Length >= 30, $"only {Events.Length} events");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(id, 1000, 1999));
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void A_tunnel_event_takes_the_tunnel_name_first_and_never_repeats_it_in_the_message(string name)
    {
        var method = Events.Single(m => m.Name == name);
        var parameters = method.GetParameters();
        var attribute = method.GetCustomAttribute<LoggerMessageAttribute>()!;

        // Only the first parameter after the logger may be the tunnel, and it is a string.
        Assert.DoesNotContain(parameters.Skip(2), p => string.Equals(p.Name, "tunnel", StringComparison.OrdinalIgnoreCase));
        if (parameters[1].Name == "tunnel") Assert.Equal(typeof(string), parameters[1].ParameterType);
        Assert.DoesNotContain("{Tunnel}", attribute.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void No_placeholder_collides_with_a_fixed_json_field_and_durations_are_never_bare_timespans(string name)
    {
        var method = Events.Single(m => m.Name == name);
        string message = method.GetCustomAttribute<LoggerMessageAttribute>()!.Message;

        foreach (Match placeholder in Placeholder().Matches(message))
        {
            Assert.DoesNotContain(DaemonLogFormatter.JsonPropertyName(placeholder.Groups[1].Value), DaemonLogFormatter.JsonFields);
        }
        // A TimeSpan would print "00:03:12"; DaemonDuration prints "3m12s".
        Assert.DoesNotContain(method.GetParameters(), p => p.ParameterType == typeof(TimeSpan));
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void Every_event_renders_as_one_json_line_named_after_its_method(string name)
    {
        var method = Events.Single(m => m.Name == name);
        var stderr = new MemoryStream();
        using (var provider = new DaemonLoggerProvider(stderr,
                   new DaemonLogSettings { TimeProvider = new ManualTimeProvider(), Format = DaemonLogFormat.Json, MinimumLevel = LogLevel.Trace }))
        {
            var logger = provider.CreateLogger("x");
            method.Invoke(null, [logger, .. method.GetParameters().Skip(1).Select(p => Sample(p))]);
        }

        string output = System.Text.Encoding.UTF8.GetString(stderr.ToArray());
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(name, root.GetProperty("event").GetString());
        Assert.Equal(method.GetCustomAttribute<LoggerMessageAttribute>()!.EventId, root.GetProperty("eventId").GetInt32());
        bool perTunnel = method.GetParameters()[1].Name == "tunnel";
        Assert.Equal(perTunnel ? "sample-tunnel" : null, root.GetProperty("tunnel").GetString());
        Assert.DoesNotContain("{", root.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EventNames))]
    public void A_count_followed_by_what_it_counts_is_a_daemon_count_so_one_is_never_plural(string name)
    {
        var method = Events.Single(m => m.Name == name);
        string message = method.GetCustomAttribute<LoggerMessageAttribute>()!.Message;

        // "starting {TunnelCount} tunnels" read "starting 1 tunnels".
        foreach (Match counted in CountedNoun().Matches(message))
        {
            var parameter = method.GetParameters().Single(p => string.Equals(p.Name, counted.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
            Assert.NotEqual(typeof(int), parameter.ParameterType);
        }
        Assert.DoesNotContain(".;", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_reads_one_thing_or_many_and_is_a_number_in_json()
    {
        Assert.Equal("1 tunnel", DaemonCount.Tunnels(1).ToString());
        Assert.Equal("3 tunnels", DaemonCount.Tunnels(3).ToString());
        Assert.Equal("0 errors", DaemonCount.Errors(0).ToString());
        Assert.Equal("1 time", DaemonCount.Times(1).ToString());

        var stderr = new MemoryStream();
        using (var provider = new DaemonLoggerProvider(stderr, new DaemonLogSettings { TimeProvider = new ManualTimeProvider(), Format = DaemonLogFormat.Json }))
            provider.CreateLogger("x").DaemonStarting("1.0", DaemonCount.Tunnels(1), "/etc/sshkeep/tunnels.yaml", 42);
        using var json = JsonDocument.Parse(stderr.ToArray());
        Assert.Equal("sshkeep 1.0 starting 1 tunnel from /etc/sshkeep/tunnels.yaml (pid 42)", json.RootElement.GetProperty("message").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("tunnelCount").GetInt32());
    }

    /// <summary>A value for one parameter of an event method (the tunnel is "sample-tunnel").</summary>
    internal static object? Sample(ParameterInfo parameter) => parameter switch
    {
        { Name: "tunnel" } => "sample-tunnel",
        { ParameterType: var t } when t == typeof(string) => "x",
        { ParameterType: var t } when t == typeof(int) => 7,
        { ParameterType: var t } when t == typeof(uint) => 7u,
        { ParameterType: var t } when t == typeof(DaemonDuration) => new DaemonDuration(TimeSpan.FromSeconds(4)),
        { ParameterType: var t } when t == typeof(DaemonCount) => DaemonCount.Tunnels(1),
        { ParameterType: var t } when t == typeof(Exception) => new InvalidOperationException("boom"),
        _ => throw new InvalidOperationException($"no sample for {parameter.ParameterType} {parameter.Name}"),
    };

    [GeneratedRegex(@"\{([A-Za-z]+)\} (?:tunnels|errors|lines|times|attempts|restarts|seconds)\b")]
    private static partial Regex CountedNoun();

    [GeneratedRegex(@"\{([A-Za-z]+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();
}

using System.Text;
using Microsoft.Extensions.Logging;
using SshKeep.Config;
using SshKeep.Logging;
using SshKeep.Ssh;
using SshKeep.Supervision;
using SshKeep.Tests.Fakes;
using SshKeep.Tests.Integration.Infrastructure;

namespace SshKeep.Tests.HostileInput;

/// <summary>
/// What ssh (or a ProxyCommand, or a server through them) prints on stderr is input too: very
/// long lines, invalid UTF-8, NULs, terminal escapes, no final newline. Every byte sequence comes
/// out as bounded lines, each line is classified or ignored, and each is logged as exactly one
/// printable log line.
/// </summary>
public sealed class SshStderrHostileTests
{
    /// <summary>Real ssh wording, to be embedded in junk so the classifier's patterns are reached.</summary>
    private static readonly string[] Wordings =
    [
        "Authenticated to ", "Error: remote port forwarding failed for listen port ", "bind [127.0.0.1]:", "bind 127.0.0.1 port ",
        ": Address already in use", "Permission denied (", "Host key verification failed", "Bad configuration option",
        "ssh: connect to host ", "Connection reset", "kex_exchange_identification", "Timeout, server",
        "99999999999999999999", "-1", "0", "65536",
    ];

    public static TheoryData<int> Seeds => [1, 2, 3];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_lines_are_classified_or_ignored(int seed) =>
        Property.ForAll(seed, 400, r =>
        {
            var line = new StringBuilder();
            for (var i = r.Next(1, 5); i > 0; i--) line.Append(r.Next(2) == 0 ? Wordings[r.Next(Wordings.Length)] : HostileText.Next(r, 300_000));
            return line.ToString();
        }, line =>
        {
            var classified = SshStderrClassifier.Classify(line);

            Assert.True(Enum.IsDefined(classified.Kind));
            Assert.True(classified.Port is null or >= 0, $"port {classified.Port}");
        });

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Hostile_bytes_on_sshs_stderr_come_out_as_bounded_lines_and_the_reader_ends(int seed)
    {
        using var temp = new TempDirectory();
        var bytes = StderrBytes(new Random(seed));
        var file = temp.File("stderr.bin");
        await File.WriteAllBytesAsync(file, bytes);
        using var reaper = new ChildReaper();
        await using var ssh = new PosixSshLauncher(reaper, TimeProvider.System).Start(
            new SshStartInfo("/bin/sh", ["-c", "cat \"$0\" >&2", file], CaptureStandardError: true));

        var lines = await Eventually.AllLines(ssh.StandardErrorLines);

        Assert.Equal(ExpectedLines(bytes), lines);
        Assert.All(lines, l => Assert.DoesNotContain('\n', l));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Each_hostile_line_is_logged_as_one_printable_line_in_text_and_json(int seed)
    {
        var random = new Random(seed);
        var sent = Enumerable.Range(0, 120).Select(_ => ExpectedLines(StderrBytes(random, maxLength: 3_000))).SelectMany(l => l).ToList();
        foreach (var format in new[] { DaemonLogFormat.Text, DaemonLogFormat.Json })
        {
            using var output = new MemoryStream();
            string? lastLine;
            using (var provider = new DaemonLoggerProvider(output, new DaemonLogSettings { TimeProvider = TimeProvider.System, Format = format, MinimumLevel = LogLevel.Trace }))
            {
                var ssh = new FakeSshProcess(4242, new SshStartInfo("ssh", []));
                // A clock that stands still: the log takes the burst and then one line saying how many were dropped.
                var run = new StderrRun(ssh, provider.CreateLogger("t"));
                foreach (var line in sent) ssh.Say(line);
                ssh.Exit(255);
                lastLine = (await run.EndAsync()).LastLine;
            }

            var logged = Encoding.UTF8.GetString(output.ToArray()).Split('\n')[..^1];
            var nonEmpty = sent.Count(l => l.TrimEnd('\r').Length > 0);
            var expected = Math.Min(nonEmpty, StderrLogLimiter.Burst) + (nonEmpty > StderrLogLimiter.Burst ? 1 : 0);
            Assert.True(logged.Length == expected, $"{format}: {logged.Length} log lines for {nonEmpty} stderr lines (seed {seed})");
            Assert.All(logged, l => HostileAssert.OneLine(l, $"a {format} log line (seed {seed})"));
            Assert.Equal(sent.LastOrDefault(l => l.TrimEnd('\r').Length > 0)?.TrimEnd('\r'), lastLine);
        }
    }

    [Fact]
    public async Task A_deciding_line_past_the_log_limit_is_not_logged_but_still_decides_the_failure()
    {
        var log = new RecordingLogger();
        var ssh = new FakeSshProcess(4242, new SshStartInfo("ssh", []));
        var run = new StderrRun(ssh, log);

        for (var i = 0; i < StderrLogLimiter.Burst + 50; i++) ssh.Say($"junk {i}");
        ssh.Say("user@host: Permission denied (publickey).");
        ssh.Exit(255);

        Assert.True((await run.EndAsync()).Decisive.IsPermanent);
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains("Permission denied", StringComparison.Ordinal));
        Assert.Contains(log.Entries, e => e.EventId == 1203 && e.Message.StartsWith("ssh: 51 lines of stderr dropped", StringComparison.Ordinal));
    }

    private static readonly TunnelConfig Tunnel = new()
    {
        Name = "t",
        Destinations = ["user@host"],
        Forwards = [new ForwardSpec(ForwardKind.Remote, null, 8080, "localhost", 80)],
    };

    /// <summary>One run's stderr pumped (a clock that stands still: the log takes the burst and
    /// then one line saying how many were dropped) and folded by the tunnel machine.</summary>
    private sealed class StderrRun
    {
        private readonly List<TunnelEvent> _events = [];
        private readonly Task _pump;

        public StderrRun(FakeSshProcess ssh, ILogger log) =>
            _pump = new StderrPump(ssh, Tunnel.Name, log, new StderrLogLimiter(new ManualTimeProvider()), e => { lock (_events) _events.Add(e); })
                .RunAsync(CancellationToken.None);

        /// <summary>What the machine knows of the run once its stderr ended.</summary>
        public async Task<TunnelRun> EndAsync()
        {
            await _pump.Within("the stderr pump to finish");
            var now = DateTimeOffset.UnixEpoch;
            var state = new TunnelMachineState
            {
                Config = Tunnel,
                Options = new TunnelSupervisorOptions { StartInfoFor = (_, _) => new SshStartInfo("ssh", []), ListenerAccepts = (_, _) => Task.FromResult(true) },
                Status = new TunnelStatus { Name = Tunnel.Name, State = TunnelState.Starting, Since = now },
                Phase = TunnelPhase.Connecting,
                Run = new TunnelRun(now),
            };
            foreach (var e in _events) state = TunnelMachine.Step(state, e, now, 0.5).State;
            return state.Run!;
        }
    }

    /// <summary>ssh-like output gone wrong: random bytes (invalid UTF-8, NUL), ANSI escapes, CRs,
    /// over-long lines, and usually no final newline.</summary>
    private static byte[] StderrBytes(Random random, int maxLength = 150_000)
    {
        var output = new List<byte>();
        while (output.Count < maxLength / 2)
        {
            switch (random.Next(5))
            {
                case 0: output.AddRange(HostileText.Bytes(random, 2_000)); break;
                case 1: output.AddRange("\x1b[2J\x1b]0;pwned\x07\r\n"u8.ToArray()); break;
                case 2: output.AddRange(Enumerable.Repeat((byte)'A', random.Next(StderrSocketReader.MaxLineBytes - 10, StderrSocketReader.MaxLineBytes * 3))); break;
                case 3: output.AddRange(Encoding.UTF8.GetBytes(Wordings[random.Next(Wordings.Length)] + "\n")); break;
                default: output.AddRange(new byte[] { 0, 0, (byte)'\n', 0xc3, (byte)'\n', 0xe2, 0x82, (byte)'\r', (byte)'\n' }); break;
            }
        }
        if (random.Next(4) == 0) output.Add((byte)'\n');
        return [.. output];
    }

    /// <summary>The reader's contract, written out: split at '\n', cut at MaxLineBytes, a final CR
    /// dropped, decoded as UTF-8 with replacement, an unterminated last line kept.</summary>
    private static List<string> ExpectedLines(byte[] bytes)
    {
        var lines = new List<string>();
        var pending = new List<byte>();
        void Publish()
        {
            var length = pending.Count > 0 && pending[^1] == '\r' ? pending.Count - 1 : pending.Count;
            lines.Add(Encoding.UTF8.GetString([.. pending.Take(length)]));
            pending.Clear();
        }
        foreach (var b in bytes)
        {
            if (b == '\n')
            {
                Publish();
                continue;
            }
            if (pending.Count == StderrSocketReader.MaxLineBytes) Publish();
            pending.Add(b);
        }
        if (pending.Count > 0) Publish();
        return lines;
    }
}

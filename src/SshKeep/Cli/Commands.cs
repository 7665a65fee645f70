namespace SshKeep.Cli;

/// <summary>sshkeep's own commands (the daemon verbs arrive with the daemon issue).</summary>
internal static class Commands
{
    public static Func<string[], Task<int>>? TryGet(string verb) => verb switch
    {
        "demo" => DemoAsync,
        "--help" or "help" => HelpAsync,
        _ => null,
    };

    private static async Task<int> DemoAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        var keeper = SshKeep.Demo.DemoKeeper.Resolve(Environment.GetEnvironmentVariable(SshKeep.Demo.DemoKeeper.EnvironmentVariable));
        return await new SshKeep.Demo.DemoCommand(keeper, TimeProvider.System).RunAsync(Console.Out, stop.Token);
    }

    private static async Task<int> HelpAsync(string[] args)
    {
        await Console.Out.WriteAsync(HelpText.Text);
        return 0;
    }
}

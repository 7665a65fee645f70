namespace SshKeep.Bench;

/// <summary>
/// What every trial does around its measurement: a private temp folder for the keeper's files,
/// a failure turned into a result (one trial going wrong must not end the run), and the trial's
/// log, its narrative and what the keeper said, written to <c>logDirectory/NAME.log</c> at the end.
/// </summary>
internal static class TrialEnvelope
{
    /// <param name="body">The measurement, given the folder and a callback for the keeper once started (for its log).</param>
    /// <param name="failed">The result for a trial that threw, from one line saying why.</param>
    public static async Task<T> RunAsync<T>(
        string name, string logDirectory, KeeperKind keeper, TrialNarrative narrative,
        Func<string, Action<KeeperProcess>, CancellationToken, Task<T>> body, Func<string, T> failed, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("sshkeep-bench-").FullName;
        KeeperProcess? keeperProcess = null;
        try
        {
            return await body(work, k => keeperProcess = k, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            narrative.Say("interrupted");
            throw;
        }
        catch (Exception e)
        {
            narrative.Say($"trial failed: {e}");
            return failed($"trial failed: {e.Message.Split('\n')[0].Trim()}");
        }
        finally
        {
            try
            {
                Directory.CreateDirectory(logDirectory);
                await File.WriteAllTextAsync(Path.Combine(logDirectory, name + ".log"),
                    $"{narrative}\n--- {keeper.Label()} said ---\n{keeperProcess?.Log()}", CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"could not write the log of {name}: {e.Message}");
            }
            Directory.Delete(work, recursive: true);
        }
    }
}

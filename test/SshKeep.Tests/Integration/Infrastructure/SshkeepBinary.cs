namespace SshKeep.Tests.Integration.Infrastructure;

/// <summary>
/// The real sshkeep executable for top-tier tests: the apphost the SDK copies next to the test
/// assembly (the test project references the product), so tests run exactly what users run,
/// with argv[0] intact, and without `dotnet run`'s start-up cost.
/// </summary>
public static class SshkeepBinary
{
    public static string Path { get; } = Locate();

    /// <summary>
    /// Makes <paramref name="folder"/>/autossh, a symlink to sshkeep, and returns its path: started
    /// through it, argv[0] is "autossh", as after `./run.sh install`.
    /// </summary>
    public static string CreateAutosshLink(string folder)
    {
        var link = System.IO.Path.Combine(folder, "autossh");
        File.CreateSymbolicLink(link, Path);
        return link;
    }

    private static string Locate()
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "sshkeep");
        return File.Exists(path) ? path : throw new FileNotFoundException("the sshkeep apphost was not copied to the test output", path);
    }
}

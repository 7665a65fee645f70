using System.Collections.Frozen;

namespace SshKeep.Web;

/// <summary>The web page's files, embedded from Web/Page/: no CDN, nothing read from disk at run time.</summary>
internal static class WebAssets
{
    /// <summary>Where index.html's token goes: <c>&lt;meta name="sshkeep-token" content="…"&gt;</c>.</summary>
    public const string TokenPlaceholder = "__SSHKEEP_TOKEN__";

    internal sealed record Asset(string ContentType, byte[] Content);

    private static readonly Lazy<FrozenDictionary<string, Asset>> All = new(Load);

    public static Asset? Find(string path) => All.Value.GetValueOrDefault(path);

    public static byte[] Page(PageToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var html = System.Text.Encoding.UTF8.GetString(All.Value["/index.html"].Content);
        return System.Text.Encoding.UTF8.GetBytes(html.Replace(TokenPlaceholder, token.Value, StringComparison.Ordinal));
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var (file, type) in new[]
                 {
                     ("index.html", "text/html; charset=utf-8"),
                     ("app.css", "text/css; charset=utf-8"),
                     ("app.js", "text/javascript; charset=utf-8"),
                 })
        {
            using var stream = assembly.GetManifestResourceStream("SshKeep.Web." + file)
                ?? throw new InvalidOperationException($"the web page's {file} is not embedded in {assembly.GetName().Name}");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            assets["/" + file] = new Asset(type, copy.ToArray());
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

using System.Collections.Frozen;

namespace SshKeep.Web;

/// <summary>The web page's files, embedded from Web/Page/: no CDN, nothing read from disk at run time.</summary>
internal static class WebAssets
{
    /// <summary>Where index.html's token goes: <c>&lt;meta name="sshkeep-token" content="…"&gt;</c>.</summary>
    public const string TokenPlaceholder = "__SSHKEEP_TOKEN__";

    private static readonly Lazy<FrozenDictionary<string, WebAsset>> All = new(Load);

    /// <summary>The asset served at <paramref name="path"/> (<c>/app.js</c>), or null.</summary>
    public static WebAsset? Find(string path) => All.Value.GetValueOrDefault(path);

    /// <summary>index.html with the token in it.</summary>
    public static byte[] Page(PageToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var html = System.Text.Encoding.UTF8.GetString(All.Value["/index.html"].Content);
        return System.Text.Encoding.UTF8.GetBytes(html.Replace(TokenPlaceholder, token.Value, StringComparison.Ordinal));
    }

    private static FrozenDictionary<string, WebAsset> Load()
    {
        var assembly = typeof(WebAssets).Assembly;
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
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
            assets["/" + file] = new WebAsset(type, copy.ToArray());
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

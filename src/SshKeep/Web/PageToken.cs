using System.Security.Cryptography;

namespace SshKeep.Web;

/// <summary>The web page's per-start secret (docs/observability.md "The token, and the browser").</summary>
internal sealed class PageToken
{
    /// <summary>The header a POST carries the token in. A custom header also makes a cross-site
    /// fetch need a CORS preflight, which this server never grants.</summary>
    public const string Header = "X-SshKeep-Token";

    private readonly byte[] _bytes;

    public PageToken(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        _bytes = Encoding.UTF8.GetBytes(value);
    }

    /// <summary>Only letters, digits, '-' and '_': safe in HTML and headers.</summary>
    public string Value { get; }

    public static PageToken CreateRandom() =>
        new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    /// <summary>In constant time, so timing reveals nothing about a guess.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _bytes);
}

namespace SshKeep.Config;

/// <summary>A scalar exactly as written (no YAML 1.1 typing: <c>no</c> stays the text "no", which is
/// what an ssh option means by it).</summary>
/// <param name="Value">The text after YAML unquoting.</param>
/// <param name="IsPlain">Unquoted: only plain scalars can be null.</param>
internal sealed record ConfigScalar(int Line, int Column, string Value, bool IsPlain) : ConfigNode(Line, Column)
{
    /// <summary>YAML's null: an empty plain value, <c>~</c> or <c>null</c> (core schema spellings).</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

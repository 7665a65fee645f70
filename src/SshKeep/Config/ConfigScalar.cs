namespace SshKeep.Config;

/// <summary>Exactly as written, no YAML 1.1 typing (docs/config.md, "The YAML sshkeep reads").</summary>
/// <param name="IsPlain">Unquoted: only plain scalars can be null.</param>
internal sealed record ConfigScalar(int Line, int Column, string Value, bool IsPlain) : ConfigNode(Line, Column)
{
    /// <summary>The core schema's spellings.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

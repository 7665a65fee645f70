namespace SshKeep.Config;

/// <summary>One node of a tunnels file, with its position: the loader's own tree from YamlDotNet's parser events, so
/// that duplicate keys are seen instead of thrown and aliases are never expanded.</summary>
internal abstract record ConfigNode(int Line, int Column)
{
    /// <summary>How the node is named in "expected …, found …" messages.</summary>
    public string Describe() => this switch
    {
        ConfigScalar { IsNull: true } => "nothing (null)",
        ConfigScalar scalar => ConfigText.Quote(scalar.Value),
        ConfigMapping => "a map",
        ConfigSequence => "a list",
        _ => "a refused value",
    };
}

namespace SshKeep.Config;

/// <summary>The loader's own tree from YamlDotNet's parser events, so that duplicate keys are seen instead of thrown and
/// aliases are never expanded.</summary>
internal abstract record ConfigNode(int Line, int Column)
{
    public string Describe() => this switch
    {
        ConfigScalar { IsNull: true } => "nothing (null)",
        ConfigScalar scalar => ConfigText.Quote(scalar.Value),
        ConfigMapping => "a map",
        ConfigSequence => "a list",
        _ => "a refused value",
    };
}

namespace SshKeep.Config;

internal abstract record ConfigLoadResult
{
    private ConfigLoadResult() { }

    public sealed record Valid(SshKeepConfig Config) : ConfigLoadResult;

    public sealed record Invalid(string Path, IReadOnlyList<ConfigError> Errors, int More = 0) : ConfigLoadResult
    {
        public int Count => Errors.Count + More;
    }
}

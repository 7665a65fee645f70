namespace SshKeep.Config;

/// <summary>What <see cref="ConfigLoader"/> made of a tunnels file: a valid configuration, or every error.</summary>
public abstract record ConfigLoadResult
{
    private ConfigLoadResult() { }

    /// <summary>The file is valid; <paramref name="Config"/> has defaults applied.</summary>
    public sealed record Valid(SshKeepConfig Config) : ConfigLoadResult;

    /// <summary>The file is not valid (or could not be read).</summary>
    /// <param name="Path">The file as given.</param>
    /// <param name="Errors">Every error, in file order, at least one.</param>
    public sealed record Invalid(string Path, IReadOnlyList<ConfigError> Errors) : ConfigLoadResult;
}

namespace SshKeep.Config;

/// <summary>What <see cref="ConfigLoader"/> made of a tunnels file: a valid configuration, or every error.</summary>
internal abstract record ConfigLoadResult
{
    private ConfigLoadResult() { }

    /// <summary>The file is valid; <paramref name="Config"/> has defaults applied.</summary>
    public sealed record Valid(SshKeepConfig Config) : ConfigLoadResult;

    /// <summary>The file is not valid (or could not be read): the errors kept in file order, and a count of the rest.</summary>
    public sealed record Invalid(string Path, IReadOnlyList<ConfigError> Errors, int More = 0) : ConfigLoadResult
    {
        /// <summary>Every error found: those kept and the <see cref="More"/>.</summary>
        public int Count => Errors.Count + More;
    }
}

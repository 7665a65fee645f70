namespace SshKeep.Config;

/// <summary>What <see cref="ConfigLoader"/> made of a tunnels file: a valid configuration, or every error.</summary>
internal abstract record ConfigLoadResult
{
    private ConfigLoadResult() { }

    /// <summary>The file is valid; <paramref name="Config"/> has defaults applied.</summary>
    public sealed record Valid(SshKeepConfig Config) : ConfigLoadResult;

    /// <summary>The file is not valid (or could not be read).</summary>
    /// <param name="Path">The file as given.</param>
    /// <param name="Errors">The errors, in file order, at least one; at most
    /// <see cref="ConfigErrorSink.MaxReported"/>.</param>
    /// <param name="More">Errors found past those, counted and not kept.</param>
    public sealed record Invalid(string Path, IReadOnlyList<ConfigError> Errors, int More = 0) : ConfigLoadResult
    {
        /// <summary>Every error found: those kept and the <see cref="More"/>.</summary>
        public int Count => Errors.Count + More;
    }
}

namespace SshKeep.Native;

/// <summary>Which of PATH's folders a <see cref="ProgramSearch"/> visits.</summary>
internal enum PathFolders
{
    /// <summary>All, as execvp: an empty entry is the working directory, a relative one is relative to it.</summary>
    AsExec,

    SkipEmpty,

    /// <summary>The daemon's working directory is not the user's.</summary>
    AbsoluteOnly,
}

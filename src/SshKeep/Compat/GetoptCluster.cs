namespace SshKeep.Compat;

/// <summary>
/// One argv element that getopt read as options (a cluster such as <c>-NfL8080:h:80</c>),
/// with the separate element it took as the value of its last letter, if any (<c>-p</c> <c>22</c>).
/// </summary>
internal sealed record GetoptCluster(string Text, string? SeparateValue);

using System.Text;
using SshKeep.Config;
using SshKeep.Tests.Fakes;

namespace SshKeep.Tests.Config;

/// <summary><see cref="ConfigLoader.Load(string, string?)"/>: reading the file, and every way that can fail.</summary>
public sealed class ConfigFileTests
{
    [Fact]
    public void A_valid_file_loads_with_its_absolute_path()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tunnels.yaml");
        File.WriteAllText(path, ConfigYaml.Tunnel(""));

        var config = Assert.IsType<ConfigLoadResult.Valid>(ConfigLoader.Load(path, "/home/u")).Config;

        Assert.Equal(Path.GetFullPath(path), config.Path);
        Assert.Single(config.Tunnels);
    }

    [Fact]
    public void Errors_name_the_file_as_given()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.yaml");
        File.WriteAllText(path, ConfigYaml.Tunnel("port: 0"));

        var invalid = Assert.IsType<ConfigLoadResult.Invalid>(ConfigLoader.Load(path, "/home/u"));

        Assert.Equal(path, invalid.Path);
        Assert.Equal(path, Assert.Single(invalid.Errors).File);
    }

    [Fact]
    public void A_missing_file_is_one_error_saying_what_to_do()
    {
        using var dir = new TempDirectory();
        var path = dir.File("none.yaml");

        var error = Assert.Single(Assert.IsType<ConfigLoadResult.Invalid>(ConfigLoader.Load(path, "/home/u")).Errors);

        Assert.Equal($"{path}: cannot read: no such file; create it (docs/examples/tunnels.yaml is a start) or name another with -c FILE", error.ToString());
    }

    [Fact]
    public void A_file_in_a_missing_directory_is_missing_too()
    {
        var error = Assert.Single(Assert.IsType<ConfigLoadResult.Invalid>(ConfigLoader.Load("/nonexistent-dir-sshkeep/t.yaml", null)).Errors);

        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_is_not_a_tunnels_file()
    {
        using var dir = new TempDirectory();

        var error = Assert.Single(Assert.IsType<ConfigLoadResult.Invalid>(ConfigLoader.Load(dir.Path, "/home/u")).Errors);

        Assert.Equal($"{dir.Path}: is a directory; expected a tunnels file (YAML)", error.ToString());
    }

    [Fact]
    public void An_unreadable_file_is_permission_denied()
    {
        if (Environment.IsPrivilegedProcess)
        {
            // root reads any file; nothing to prove here.
            return;
        }

        using var dir = new TempDirectory();
        var path = dir.File("secret.yaml");
        File.WriteAllText(path, ConfigYaml.Tunnel(""));
        File.SetUnixFileMode(path, UnixFileMode.None);

        var error = Assert.Single(Assert.IsType<ConfigLoadResult.Invalid>(ConfigLoader.Load(path, "/home/u")).Errors);

        Assert.Equal($"{path}: cannot read: permission denied", error.ToString());
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused_without_reading_it_all()
    {
        using var dir = new TempDirectory();
        var path = dir.File("big.yaml");
        File.WriteAllText(path, ConfigYaml.Tunnel("") + "#" + new string('x', 2 * ConfigLoader.MaxFileBytes));

        var error = Assert.Single(Assert.IsType<ConfigLoadResult.Invalid>(ConfigLoader.Load(path, "/home/u")).Errors);

        Assert.Equal(0, error.Line);
        Assert.StartsWith("the file is larger than 1024 KiB (", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_file_is_refused_after_one_mebibyte()
    {
        var error = Assert.Single(Assert.IsType<ConfigLoadResult.Invalid>(ConfigLoader.Load("/dev/zero", null)).Errors);

        Assert.StartsWith("the file is larger than 1024 KiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_one_error()
    {
        using var dir = new TempDirectory();
        var path = dir.File("latin1.yaml");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("tunnels:\n  caf"), 0xE9, (byte)':', (byte)'\n']);

        var error = Assert.Single(Assert.IsType<ConfigLoadResult.Invalid>(ConfigLoader.Load(path, "/home/u")).Errors);

        Assert.Equal($"{path}: is not UTF-8 text; save it as UTF-8", error.ToString());
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_skipped()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bom.yaml");
        File.WriteAllText(path, ConfigYaml.Tunnel("port: 22"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var config = Assert.IsType<ConfigLoadResult.Valid>(ConfigLoader.Load(path, "/home/u")).Config;

        Assert.Equal(22, Assert.Single(config.Tunnels).Port);
    }
}

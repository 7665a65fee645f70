using SshKeep.Daemon;

namespace SshKeep.Tests.Daemon;

public sealed class InstanceKeyTests
{
    [Theory]
    [InlineData("/home/ada/.config/sshkeep/tunnels.yaml", "tunnels")]
    [InlineData("/etc/sshkeep/tunnels.yml", "tunnels")]
    [InlineData("/srv/db tunnels (prod).yaml", "db_tunnels__prod_")]
    [InlineData("/srv/café.yaml", "caf_")]
    [InlineData("/srv/.yaml", "config")]
    [InlineData("/srv/a-very-long-config-file-name-for-many-tunnels.yaml", "a-very-long-config-file-")]
    [InlineData("/srv/prod.eu_1.yaml", "prod.eu_1")]
    public void Stem_keeps_the_file_name_readable_and_safe(string path, string stem) =>
        Assert.Equal(stem, InstanceKey.Stem(path));

    [Fact]
    public void Key_is_the_stem_and_twelve_hex_digits_of_the_path_hash()
    {
        string key = InstanceKey.For("/home/ada/.config/sshkeep/tunnels.yaml");

        Assert.Matches("^tunnels-[0-9a-f]{12}$", key);
        Assert.Equal(key, InstanceKey.For("/home/ada/.config/sshkeep/tunnels.yaml"));
    }

    [Fact]
    public void Two_files_with_the_same_name_in_different_directories_get_different_keys() =>
        Assert.NotEqual(InstanceKey.For("/home/ada/tunnels.yaml"), InstanceKey.For("/home/bob/tunnels.yaml"));

    [Fact]
    public void Canonical_path_resolves_relative_parts_and_symlinks_of_an_existing_file()
    {
        var directory = Directory.CreateTempSubdirectory("sshkeep-key-");
        try
        {
            string real = Path.Combine(directory.FullName, "real");
            Directory.CreateDirectory(real);
            string file = Path.Combine(real, "tunnels.yaml");
            File.WriteAllText(file, "tunnels: {}\n");
            string link = Path.Combine(directory.FullName, "link");
            Directory.CreateSymbolicLink(link, real);

            string canonical = InstanceKey.Canonicalize(file);

            Assert.Equal(canonical, InstanceKey.Canonicalize(Path.Combine(link, "tunnels.yaml")));
            Assert.Equal(canonical, InstanceKey.Canonicalize(Path.Combine(real, ".", "..", "real", "tunnels.yaml")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Canonical_path_of_a_missing_file_is_its_normalised_absolute_path() =>
        Assert.Equal("/nonexistent-sshkeep/tunnels.yaml", InstanceKey.Canonicalize("/nonexistent-sshkeep/./x/../tunnels.yaml"));
}

using SshKeep.Config;
using static SshKeep.Tests.Config.ConfigYaml;

namespace SshKeep.Tests.Config;

/// <summary>The <c>hooks</c> key (docs/config.md, hooks): its forms, merging with defaults, and its errors.</summary>
public sealed class HooksConfigTests
{
    [Fact]
    public void A_tunnel_without_hooks_has_none_and_a_ten_second_timeout()
    {
        var tunnel = OneTunnel("");

        Assert.Equal(new HookSettings(), tunnel.Hooks);
        Assert.Null(tunnel.Hooks.OnUp);
        Assert.Equal(10, tunnel.Hooks.Timeout);
    }

    [Fact]
    public void A_list_is_an_argv_run_without_a_shell_and_a_shell_map_runs_bin_sh()
    {
        var tunnel = OneTunnel("""
            hooks:
              on_up: ["/bin/sh", "-c", "echo up; exit 0"]
              on_down: { shell: "echo $SSHKEEP_TUNNEL | cat >> /tmp/x" }
              on_needs_attention: [sh]
              timeout: 2.5
            """);

        Assert.Equal(["/bin/sh", "-c", "echo up; exit 0"], tunnel.Hooks.OnUp!.Argv);
        Assert.Null(tunnel.Hooks.OnUp.ShellScript);
        Assert.Equal(["/bin/sh", "-c", "echo $SSHKEEP_TUNNEL | cat >> /tmp/x"], tunnel.Hooks.OnDown!.Argv);
        Assert.Equal("echo $SSHKEEP_TUNNEL | cat >> /tmp/x", tunnel.Hooks.OnDown.ShellScript);
        Assert.Equal(["sh"], tunnel.Hooks.OnNeedsAttention!.Argv);
        Assert.Equal(2.5, tunnel.Hooks.Timeout);
    }

    [Fact]
    public void A_tunnel_inherits_hooks_key_by_key_and_a_null_drops_an_inherited_one()
    {
        var config = Valid("""
            defaults:
              hooks:
                on_up: [/bin/echo, up]
                on_down: [/bin/echo, down]
                timeout: 3
            tunnels:
              a:
                destination: h
                forwards: [ { local: "8080:h:80" } ]
              b:
                destination: h
                forwards: [ { local: "8081:h:80" } ]
                hooks:
                  on_down: null
                  on_needs_attention: [/bin/echo, attention]
                  timeout: 20
            """);

        var a = config.Tunnels[0].Hooks;
        var b = config.Tunnels[1].Hooks;
        Assert.Equal(new HookSettings { OnUp = HookCommand.Direct(["/bin/echo", "up"]), OnDown = HookCommand.Direct(["/bin/echo", "down"]), Timeout = 3 }, a);
        Assert.Equal(new HookSettings
        {
            OnUp = HookCommand.Direct(["/bin/echo", "up"]),
            OnNeedsAttention = HookCommand.Direct(["/bin/echo", "attention"]),
            Timeout = 20,
        }, b);
    }

    [Fact]
    public void A_tilde_program_is_expanded_with_home()
    {
        var home = Directory.CreateTempSubdirectory("sshkeep-hooks-home-").FullName;
        try
        {
            var script = Path.Combine(home, "notify");
            File.WriteAllText(script, "#!/bin/sh\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var tunnel = Assert.Single(Valid(Tunnel("hooks: { on_up: [\"~/notify\", x] }"), home).Tunnels);

            Assert.Equal([script, "x"], tunnel.Hooks.OnUp!.Argv);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void Changing_only_hooks_leaves_the_tunnel_the_same_for_reload()
    {
        var before = OneTunnel("hooks: { on_up: [/bin/true] }");
        var after = OneTunnel("hooks: { on_up: [/bin/false] }");

        Assert.True(before.SameAs(after));
    }

    [Theory]
    [InlineData("hooks: { on_up: \"notify up\" }", "6:21", "tunnels.db.hooks.on_up", "\"notify up\" is one string, and hooks run without a shell; write it as a list [\"program\", \"argument\"], or { shell: \"notify up\" } to run it with /bin/sh -c")]
    [InlineData("hooks: { on_up: [] }", "6:21", "tunnels.db.hooks.on_up", "an empty list; expected a list [program, arguments…] run without a shell, or { shell: \"command\" } run with /bin/sh -c")]
    [InlineData("hooks: { on_up: [\"\"] }", "6:22", "tunnels.db.hooks.on_up[0]", "empty text; expected a program name or absolute path")]
    [InlineData("hooks: { on_up: [/bin/echo, \"a\\nb\"] }", "6:33", "tunnels.db.hooks.on_up[1]", "\"a\\nb\" contains a control character (newline, tab…); expected an argument (one line of text) on one line")]
    [InlineData("hooks: { on_up: [no-such-program-for-sshkeep] }", "6:22", "tunnels.db.hooks.on_up[0]", "\"no-such-program-for-sshkeep\" is not found in PATH; expected a program name found in PATH or an absolute path")]
    [InlineData("hooks: { on_up: [/no/such/notify] }", "6:22", "tunnels.db.hooks.on_up[0]", "\"/no/such/notify\" is not an executable file; expected a program name found in PATH or an absolute path")]
    [InlineData("hooks: { on_up: [/etc/passwd] }", "6:22", "tunnels.db.hooks.on_up[0]", "\"/etc/passwd\" is not an executable file")]
    [InlineData("hooks: { on_up: [bin/notify] }", "6:22", "tunnels.db.hooks.on_up[0]", "\"bin/notify\" is relative; write an absolute path or one starting with ~/")]
    [InlineData("hooks: { on_up: [-rf] }", "6:22", "tunnels.db.hooks.on_up[0]", "\"-rf\" starts with '-'; expected a program name or absolute path")]
    [InlineData("hooks: { on_up: [[a]] }", "6:22", "tunnels.db.hooks.on_up[0]", "expected a program name or absolute path, found a list")]
    [InlineData("hooks: { on_down: { shell: \"\" } }", "6:32", "tunnels.db.hooks.on_down.shell", "empty text; expected a shell command on one line")]
    [InlineData("hooks: { on_down: { shel: \"x\" } }", "6:25", "tunnels.db.hooks.on_down.shel", "unknown key `shel`; did you mean `shell`?")]
    [InlineData("hooks: { on_down: {} }", "6:23", "tunnels.db.hooks.on_down", "no `shell`; expected a list [program, arguments…]")]
    [InlineData("hooks: { timeout: 0 }", "6:23", "tunnels.db.hooks.timeout", "\"0\" is not a number of seconds from 0.5 to 3600")]
    [InlineData("hooks: { on_upp: [sh] }", "6:14", "tunnels.db.hooks.on_upp", "unknown key `on_upp`; did you mean `on_up`?")]
    [InlineData("hooks: { before: [sh] }", "6:14", "tunnels.db.hooks.before", "unknown key `before`; accepted keys: on_up, on_down, on_needs_attention, timeout")]
    [InlineData("hooks: [sh]", "6:12", "tunnels.db.hooks", "expected a map of hooks (on_up, on_down, on_needs_attention, timeout), found a list")]
    public void A_bad_hook_is_one_error_at_its_place(string body, string at, string key, string message)
    {
        var error = SingleError(Tunnel(body));

        Assert.Equal(at, $"{error.Line}:{error.Column}");
        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_hook_in_defaults_is_an_error()
    {
        var error = SingleError("defaults:\n  hooks: { on_up: null }\ntunnels:\n  db: { destination: h, forwards: [ { local: \"8080:h:80\" } ] }\n");

        Assert.Equal("defaults.hooks.on_up", error.Key);
        Assert.Contains("a null hook removes an inherited one, and only in a tunnel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_words_are_refused()
    {
        var words = string.Join(", ", Enumerable.Repeat("x", HooksReader.MaxArguments));
        var error = SingleError(Tunnel($"hooks: {{ on_up: [sh, {words}] }}"));

        Assert.Contains("65 words; a hook has at most 64", error.Message, StringComparison.Ordinal);
    }
}

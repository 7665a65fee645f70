using System.Collections.Immutable;

namespace SshKeep.Bench.Soak;

/// <summary>
/// The tunnels in the file at one moment: the five that are always there (3 -L, 2 -R), the sixth
/// when a reload added it, and which tunnels have their probe interval changed. Immutable: a reload
/// makes a new layout (<see cref="With"/>).
/// </summary>
internal sealed record TunnelLayout(IReadOnlyList<SoakTunnel> Always, SoakTunnel Sixth, bool HasSixth, ImmutableHashSet<string> Toggled)
{
    /// <summary>The probe interval a toggled tunnel gets (the default is 5 s; it must exceed the 3 s probe timeout).</summary>
    public const int ToggledProbeInterval = 4;

    public IReadOnlyList<SoakTunnel> Current => HasSixth ? [.. Always, Sixth] : Always;

    /// <summary>The layout the soak starts and ends with: five tunnels, every setting at its default.</summary>
    public bool IsBase => !HasSixth && Toggled.IsEmpty;

    /// <summary>Five tunnels on ports picked from the kernel, and the sixth's port kept for later.</summary>
    public static TunnelLayout Create(Func<int> pickPort) => new(
        [
            new SoakTunnel("local-1", false, pickPort()),
            new SoakTunnel("local-2", false, pickPort()),
            new SoakTunnel("local-3", false, pickPort()),
            new SoakTunnel("remote-1", true, pickPort()),
            new SoakTunnel("remote-2", true, pickPort()),
        ],
        new SoakTunnel("local-6", false, pickPort()),
        false,
        []);

    public TunnelLayout With(ReloadChange change, string tunnel) => change switch
    {
        ReloadChange.AddTunnel => this with { HasSixth = true },
        ReloadChange.RemoveTunnel => this with { HasSixth = false, Toggled = Toggled.Remove(Sixth.Name) },
        _ => this with { Toggled = Toggled.Contains(tunnel) ? Toggled.Remove(tunnel) : Toggled.Add(tunnel) },
    };

    /// <summary>Back to five tunnels at their defaults.</summary>
    public TunnelLayout AsBase() => this with { HasSixth = false, Toggled = [] };
}

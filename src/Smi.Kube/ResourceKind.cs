using Smi.Abstractions.Adapters;

namespace Smi.Kube;

/// <summary>A served resource: group, version, plural resource name and kind.</summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The version.</param>
/// <param name="Plural">The plural resource name used in URLs.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Namespaced">Whether objects live in namespaces.</param>
public sealed record ResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced = true)
{
    private readonly string _group = Group;
    private readonly string _version = Version;

    /// <summary>Parameterless form for configuration binding.</summary>
    public ResourceKind()
        : this(string.Empty, string.Empty, string.Empty, string.Empty)
    {
    }

    /// <summary>The served resource of a kind a mesh adapter declares.</summary>
    /// <param name="kind">The adapter's kind.</param>
    /// <returns>The resource kind.</returns>
    public static ResourceKind From(MeshResourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new(kind.Group, kind.Version, kind.Plural, kind.Kind, kind.Namespaced);
    }

    /// <summary>The API group; empty for the core group.</summary>
    public string Group
    {
        get => _group;
        init
        {
            _group = value;
            ApiVersion = Join(value, _version);
        }
    }

    /// <summary>The version.</summary>
    public string Version
    {
        get => _version;
        init
        {
            _version = value;
            ApiVersion = Join(_group, value);
        }
    }

    /// <summary>
    /// <c>group/version</c>, or just the version for the core group; built with the kind, so that every reference to an
    /// object of the kind shares one string.
    /// </summary>
    public string ApiVersion { get; private init; } = Join(Group, Version);

    /// <summary>Formats as <c>plural.group/version</c>.</summary>
    /// <returns>The display form.</returns>
    public override string ToString() => Group.Length == 0 ? $"{Plural}/{Version}" : $"{Plural}.{Group}/{Version}";

    private static string Join(string group, string version) =>
        string.IsNullOrEmpty(group) ? version : $"{group}/{version}";
}

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

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Formats as <c>plural.group/version</c>.</summary>
    /// <returns>The display form.</returns>
    public override string ToString() => Group.Length == 0 ? $"{Plural}/{Version}" : $"{Plural}.{Group}/{Version}";
}

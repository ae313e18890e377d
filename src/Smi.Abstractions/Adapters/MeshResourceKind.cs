using System.Collections.Immutable;

namespace Smi.Abstractions.Adapters;

/// <summary>
/// A Kubernetes resource kind an adapter writes or reads, and the RBAC verbs the controller needs on it.
/// </summary>
/// <param name="Group">The API group; empty for the core group.</param>
/// <param name="Version">The version.</param>
/// <param name="Plural">The plural resource name used in URLs and RBAC rules.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Namespaced">Whether objects live in namespaces (<see langword="false"/>: cluster-scoped).</param>
public sealed record MeshResourceKind(string Group, string Version, string Plural, string Kind, bool Namespaced = true)
{
    /// <summary>The verbs on a kind the controller writes: read, apply (<c>patch</c> creates) and prune.</summary>
    public static ImmutableArray<string> WriteVerbs { get; } = ["create", "delete", "get", "list", "patch", "watch"];

    /// <summary>The verbs on a kind the controller only reads and watches.</summary>
    public static ImmutableArray<string> ReadVerbs { get; } = ["get", "list", "watch"];

    /// <summary>The RBAC verbs the controller needs on this kind, sorted. Default <see cref="WriteVerbs"/>.</summary>
    public ImmutableArray<string> Verbs { get; init; } = WriteVerbs;

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>A kind that the controller only reads: <see cref="Verbs"/> is <see cref="ReadVerbs"/>.</summary>
    /// <param name="group">The API group.</param>
    /// <param name="version">The version.</param>
    /// <param name="plural">The plural resource name.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="namespaced">Whether objects live in namespaces.</param>
    /// <returns>The kind.</returns>
    public static MeshResourceKind Read(
        string group, string version, string plural, string kind, bool namespaced = true) =>
        new(group, version, plural, kind, namespaced) { Verbs = ReadVerbs };

    /// <inheritdoc/>
    public bool Equals(MeshResourceKind? other) =>
        other is not null
        && string.Equals(Group, other.Group, StringComparison.Ordinal)
        && string.Equals(Version, other.Version, StringComparison.Ordinal)
        && string.Equals(Plural, other.Plural, StringComparison.Ordinal)
        && string.Equals(Kind, other.Kind, StringComparison.Ordinal)
        && Namespaced == other.Namespaced
        && Verbs.SequenceEqual(other.Verbs, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Group, Version, Plural, Kind, Namespaced, Verbs.Length);

    /// <summary>Formats as <c>plural.group/version</c>.</summary>
    /// <returns>The display form.</returns>
    public override string ToString() => Group.Length == 0 ? $"{Plural}/{Version}" : $"{Plural}.{Group}/{Version}";
}

namespace Smi.Abstractions;

/// <summary>
/// Identifies one Kubernetes object that the pipeline read or wrote: its apiVersion, kind, namespace and name.
/// </summary>
/// <param name="ApiVersion">The object's <c>apiVersion</c>, for example <c>split.smi-spec.io/v1alpha4</c>.</param>
/// <param name="Kind">The object's kind, for example <c>TrafficSplit</c>.</param>
/// <param name="Namespace">The namespace, or <see langword="null"/> for cluster-scoped objects.</param>
/// <param name="Name">The object's name.</param>
public sealed record ResourceRef(string ApiVersion, string Kind, string? Namespace, string Name)
    : IComparable<ResourceRef>
{
    /// <summary>The object's UID when it came from a cluster; owner references need it.</summary>
    public string? Uid { get; init; }

    /// <summary>The API group part of <see cref="ApiVersion"/> (empty for the core group).</summary>
    public string Group => GroupOf(ApiVersion).ToString();

    /// <summary>The version part of <see cref="ApiVersion"/>.</summary>
    public string Version =>
        ApiVersion.Contains('/', StringComparison.Ordinal)
            ? ApiVersion[(ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : ApiVersion;

    /// <summary>
    /// Equality is object identity in the cluster: group, kind, namespace and name. The version is only how the object
    /// was read, and the UID is absent offline.
    /// </summary>
    /// <param name="other">The other reference.</param>
    /// <returns><see langword="true"/> when group, kind, namespace and name are equal.</returns>
    public bool Equals(ResourceRef? other) =>
        other is not null
        && GroupOf(ApiVersion).SequenceEqual(GroupOf(other.ApiVersion))
        && string.Equals(Kind, other.Kind, StringComparison.Ordinal)
        && string.Equals(Namespace, other.Namespace, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(string.GetHashCode(GroupOf(ApiVersion)), Kind, Namespace, Name);

    /// <summary>Orders by group, kind, namespace and name, so output is stable.</summary>
    /// <param name="other">The other reference.</param>
    /// <returns>A signed order.</returns>
    public int CompareTo(ResourceRef? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byGroup = GroupOf(ApiVersion).SequenceCompareTo(GroupOf(other.ApiVersion));
        if (byGroup != 0)
        {
            return byGroup;
        }

        var byKind = string.CompareOrdinal(Kind, other.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byNamespace = string.CompareOrdinal(Namespace ?? string.Empty, other.Namespace ?? string.Empty);
        if (byNamespace != 0)
        {
            return byNamespace;
        }

        return string.CompareOrdinal(Name, other.Name);
    }

    // Equality, hashing and ordering run for every lookup and sort of the pipeline: compare the group in place
    // rather than cutting a new string each time.
    private static ReadOnlySpan<char> GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 ? apiVersion.AsSpan(0, slash) : [];
    }

    /// <summary>Formats as <c>Kind namespace/name</c>, the way messages name an object.</summary>
    /// <returns>The display form.</returns>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}

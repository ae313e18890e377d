namespace Smi.Abstractions.Snapshot;

/// <summary>
/// The key of a translation unit: outputs that share it are produced together, so a change re-translates only the
/// units it touches.
/// </summary>
/// <param name="Kind">What the unit keys on.</param>
/// <param name="Namespace">The namespace (empty for <see cref="UnitKind.Mesh"/>).</param>
/// <param name="Name">The root Service name, the destination identity as <c>ServiceAccount/name</c> or
/// <c>IdentityBinding/name</c>, or empty.</param>
public sealed record UnitKey(UnitKind Kind, string Namespace, string Name) : IComparable<UnitKey>
{
    /// <summary>The unit of all splits on a root Service.</summary>
    /// <param name="ns">The namespace.</param>
    /// <param name="rootService">The root Service.</param>
    /// <returns>The key.</returns>
    public static UnitKey ForSplitRoot(string ns, string rootService) => new(UnitKind.SplitRoot, ns, rootService);

    /// <summary>The unit of all access grants on a destination identity.</summary>
    /// <param name="destination">The destination.</param>
    /// <returns>The key.</returns>
    public static UnitKey ForDestination(Model.IdentityRef destination) =>
        new(UnitKind.AccessDestination, destination.Namespace, $"{destination.Kind}/{destination.Name}");

    /// <summary>The unit of namespace-wide outputs.</summary>
    /// <param name="ns">The namespace.</param>
    /// <returns>The key.</returns>
    public static UnitKey ForNamespace(string ns) => new(UnitKind.Namespace, ns, string.Empty);

    /// <summary>The unit of mesh-wide outputs.</summary>
    public static UnitKey Mesh { get; } = new(UnitKind.Mesh, string.Empty, string.Empty);

    /// <inheritdoc/>
    public int CompareTo(UnitKey? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byKind = Kind.CompareTo(other.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>Formats as <c>Kind ns/name</c>.</summary>
    /// <returns>The display form.</returns>
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}

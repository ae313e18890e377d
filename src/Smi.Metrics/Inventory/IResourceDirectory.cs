namespace Smi.Metrics.Inventory;

/// <summary>
/// Tells the API which objects exist, so that lists and label selectors return one item per object (with zeros for
/// objects that had no traffic) and trafficsplits know their backends. The controller host implements it from its
/// informer cache; <see cref="InMemoryResourceDirectory"/> serves tests and the command line.
/// </summary>
public interface IResourceDirectory
{
    /// <summary>Lists the objects of a resource type.</summary>
    /// <param name="kind">The resource type.</param>
    /// <param name="namespace">The namespace, or <see langword="null"/> for every namespace (and for namespaces
    /// themselves).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The objects, in any order.</returns>
    ValueTask<IReadOnlyList<DirectoryEntry>> ListAsync(
        MetricsResourceKind kind, string? @namespace, CancellationToken cancellationToken);
}

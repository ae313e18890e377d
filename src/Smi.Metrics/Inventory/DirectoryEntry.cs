namespace Smi.Metrics.Inventory;

/// <summary>An object known to an <see cref="IResourceDirectory"/>.</summary>
/// <param name="Name">The object's name.</param>
/// <param name="Namespace">The object's namespace; <see langword="null"/> for namespaces.</param>
/// <param name="Labels">The object's labels, for label selectors.</param>
public sealed record DirectoryEntry(string Name, string? Namespace, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The split's apex and backends, for trafficsplits only.</summary>
    public TrafficSplitInfo? Split { get; init; }
}

using System.Collections.Concurrent;

namespace Smi.Metrics.Inventory;

/// <summary>An <see cref="IResourceDirectory"/> filled by hand: tests, samples and the command line.</summary>
public sealed class InMemoryResourceDirectory : IResourceDirectory
{
    private readonly ConcurrentDictionary<(string Resource, string? Namespace, string Name), DirectoryEntry> entries =
        new();

    /// <summary>Adds or replaces an object.</summary>
    /// <param name="kind">The resource type.</param>
    /// <param name="namespace">The namespace (<see langword="null"/> for namespaces).</param>
    /// <param name="name">The name.</param>
    /// <param name="labels">The labels, if any.</param>
    /// <returns>This directory, for chaining.</returns>
    public InMemoryResourceDirectory Add(
        MetricsResourceKind kind, string? @namespace, string name, IReadOnlyDictionary<string, string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var entry = new DirectoryEntry(
            name, kind.Namespaced ? @namespace : null, labels ?? new Dictionary<string, string>());
        entries[(kind.Resource, entry.Namespace, name)] = entry;
        return this;
    }

    /// <summary>Adds or replaces a TrafficSplit.</summary>
    /// <param name="namespace">The split's namespace.</param>
    /// <param name="name">The split's name.</param>
    /// <param name="split">Its apex and backends.</param>
    /// <param name="labels">The labels, if any.</param>
    /// <returns>This directory, for chaining.</returns>
    public InMemoryResourceDirectory AddTrafficSplit(
        string @namespace, string name, TrafficSplitInfo split, IReadOnlyDictionary<string, string>? labels = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(split);
        var entry = new DirectoryEntry(name, @namespace, labels ?? new Dictionary<string, string>()) { Split = split };
        entries[(MetricsResourceKinds.TrafficSplits.Resource, @namespace, name)] = entry;
        return this;
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<DirectoryEntry>> ListAsync(
        MetricsResourceKind kind, string? @namespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        IReadOnlyList<DirectoryEntry> result = [.. entries
            .Where(
                pair =>
                    pair.Key.Resource == kind.Resource
                    && (@namespace is null || !kind.Namespaced || pair.Key.Namespace == @namespace))
            .Select(pair => pair.Value)
            .OrderBy(entry => entry.Namespace, StringComparer.Ordinal)
            .ThenBy(entry => entry.Name, StringComparer.Ordinal)];
        return ValueTask.FromResult(result);
    }
}

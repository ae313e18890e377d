using System.Collections.Immutable;

namespace Smi.Abstractions.Snapshot;

/// <summary>What translation needs to know about a Kubernetes Service.</summary>
/// <param name="Ref">The Service.</param>
/// <param name="Selector">The pod selector; empty for a Service without one.</param>
/// <param name="Ports">The ports, in input order.</param>
/// <param name="Headless">Whether <c>clusterIP</c> is <c>None</c>.</param>
public sealed record ServiceInfo(
    ResourceRef Ref,
    ImmutableSortedDictionary<string, string> Selector,
    ImmutableArray<ServicePortInfo> Ports,
    bool Headless)
{
    /// <summary>The Service's namespace.</summary>
    public string Namespace => Ref.Namespace ?? string.Empty;

    /// <summary>The Service's name.</summary>
    public string Name => Ref.Name;

    /// <summary>The Service's annotations.</summary>
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Whether the Service's selector picks pods with these labels.</summary>
    /// <param name="podLabels">The pod labels.</param>
    /// <returns><see langword="true"/> when the selector is non-empty and every selector label is present.</returns>
    public bool Selects(IReadOnlyDictionary<string, string> podLabels) =>
        Selector.Count > 0 && Selector.All(s => podLabels.TryGetValue(s.Key, out var v) && string.Equals(
            v, s.Value, StringComparison.Ordinal));
}

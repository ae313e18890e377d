using k8s;
using k8s.Models;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Translation;

/// <summary>
/// Collects the resources and diagnostics of one translation. Every mesh translator builds its result here, so
/// the filter by unit (<see cref="IMeshTranslator.Translate"/>'s <c>units</c>) is applied in this one place:
/// what belongs to a unit that is not wanted is dropped as it is added.
/// </summary>
/// <param name="mesh">The mesh name the translator is registered under; set on every diagnostic and label.</param>
/// <param name="units">The units wanted, or <see langword="null"/> for all.</param>
public sealed class TranslationOutput(string mesh, IReadOnlySet<UnitKey>? units)
{
    private readonly List<GeneratedResource> _resources = [];
    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>The mesh name the translator is registered under.</summary>
    public string Mesh { get; } = mesh ?? throw new ArgumentNullException(nameof(mesh));

    /// <summary>Whether a unit's outputs are wanted; a translator may skip the work for a unit that is not.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns><see langword="true"/> when no filter is set or the filter holds the unit.</returns>
    public bool Wants(UnitKey unit) => units is null || units.Contains(unit);

    /// <summary>
    /// The snapshot's units of one kind that are wanted, sorted by key: with a filter, what it costs is that of the
    /// wanted units, not of every unit of the snapshot (a controller's pass wants a few units of a fleet).
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="kind">The kind of unit.</param>
    /// <returns>The keys of the wanted units of the snapshot of that kind.</returns>
    public IEnumerable<UnitKey> WantedUnits(MeshSnapshot snapshot, UnitKind kind)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return units is null
            ? snapshot.Units.Select(u => u.Key).Where(k => k.Kind == kind)
            : units.Where(k => k.Kind == kind && snapshot.HasUnit(k)).Order();
    }

    /// <summary>
    /// The TrafficSplits of the snapshot grouped by root Service, in root order and restricted to the wanted roots;
    /// the splits of each root in source order.
    /// </summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <returns>The unit of each wanted root, with its splits.</returns>
    public IEnumerable<(UnitKey Unit, List<SplitRule> Splits)> WantedSplitRoots(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Splits
            .GroupBy(s => UnitKey.ForSplitRoot(s.Namespace, s.RootService))
            .Where(g => Wants(g.Key))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.OrderBy(s => s.Source).ToList()));
    }

    /// <summary>Adds a resource whose metadata is already set.</summary>
    /// <param name="unit">The unit it belongs to.</param>
    /// <param name="resource">The resource.</param>
    public void Add(UnitKey unit, IKubernetesObject<V1ObjectMeta> resource)
    {
        if (Wants(unit))
        {
            _resources.Add(new GeneratedResource(unit, resource));
        }
    }

    /// <summary>
    /// Adds a resource, setting its metadata (<see cref="GeneratedMetadata.Create"/>) from <paramref name="name"/>,
    /// <paramref name="ns"/> and the sources.
    /// </summary>
    /// <param name="unit">The unit it belongs to.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="name">The name.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="sources">The SMI objects it comes from.</param>
    public void Add(
        UnitKey unit,
        IKubernetesObject<V1ObjectMeta> resource,
        string name,
        string ns,
        IEnumerable<ResourceRef> sources)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Metadata = GeneratedMetadata.Create(name, ns, Mesh, unit, sources);
        Add(unit, resource);
    }

    /// <summary>Reports a diagnostic of this translator, marked with its mesh.</summary>
    /// <param name="unit">The unit it belongs to.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    public void Report(UnitKey unit, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (Wants(unit))
        {
            _diagnostics.Add(diagnostic with { Mesh = Mesh });
        }
    }

    /// <summary>
    /// Adds the result of a translation delegated to another mesh's translator, already restricted to the wanted
    /// units. Its resources take this mesh's label: the controller of this mesh owns them, and a controller of the
    /// delegate's mesh in the same cluster must not take them for its own (nor prune them).
    /// </summary>
    /// <param name="result">The delegated result.</param>
    public void AddDelegated(TranslationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var resource in result.Resources)
        {
            if (resource.Object.Metadata?.Labels is { } labels)
            {
                labels[GeneratedMetadata.MeshLabel] = Mesh;
            }
        }

        _resources.AddRange(result.Resources);
        _diagnostics.AddRange(result.Diagnostics);
    }

    /// <summary>The sorted result (<see cref="TranslationResult.Sorted"/>).</summary>
    /// <returns>The result.</returns>
    public TranslationResult ToResult() => TranslationResult.Sorted(_resources, _diagnostics);
}

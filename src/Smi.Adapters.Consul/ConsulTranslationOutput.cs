using k8s;
using k8s.Models;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Consul;

/// <summary>
/// Collects what one Consul translation produces, each object and diagnostic with its unit. Everything is
/// collected and the units filter applies only at the end (<see cref="ToResult"/>): name collisions and shared
/// ServiceDefaults span units, and a subset must come out exactly as it does in a full translation.
/// </summary>
internal sealed class ConsulTranslationOutput
{
    private readonly List<GeneratedResource> _resources = [];
    private readonly List<UnitDiagnostic> _diagnostics = [];

    /// <summary>Adds a generated object, giving it the generated metadata of its unit and sources.</summary>
    /// <param name="unit">The unit that owns the object.</param>
    /// <param name="name">The object name.</param>
    /// <param name="ns">The object namespace.</param>
    /// <param name="sources">The SMI objects it comes from.</param>
    /// <param name="resource">The object.</param>
    public void Emit(
        UnitKey unit,
        string name,
        string ns,
        IEnumerable<ResourceRef> sources,
        IKubernetesObject<V1ObjectMeta> resource)
    {
        resource.Metadata = GeneratedMetadata.Create(name, ns, ConsulTranslator.MeshName, unit, sources);
        _resources.Add(new GeneratedResource(unit, resource));
    }

    /// <summary>Adds a diagnostic of the unit, naming the Consul mesh.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    public void Report(UnitKey unit, Diagnostic diagnostic) =>
        _diagnostics.Add(new UnitDiagnostic(unit, diagnostic with { Mesh = ConsulTranslator.MeshName }));

    /// <summary>The sorted result, keeping only the requested units.</summary>
    /// <param name="units">The units to keep, or <see langword="null"/> for all.</param>
    /// <returns>The result.</returns>
    public TranslationResult ToResult(IReadOnlySet<UnitKey>? units) => TranslationResult.Sorted(
        _resources.Where(r => units is null || units.Contains(r.Unit)),
        _diagnostics.Where(d => units is null || units.Contains(d.Unit)).Select(d => d.Diagnostic));
}

using k8s;
using k8s.Models;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.GatewayApi;

/// <summary>Collects the objects and diagnostics of one translation, each with its unit, and filters them at the end.</summary>
/// <param name="units">The units wanted, or <see langword="null"/> for all.</param>
internal sealed class TranslationOutput(IReadOnlySet<UnitKey>? units)
{
    private readonly List<GeneratedResource> _resources = [];
    private readonly List<Diagnostic> _diagnostics = [];

    /// <summary>Whether a unit's outputs are wanted.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns><see langword="true"/> when no filter is set or the filter holds the unit.</returns>
    public bool Wants(UnitKey unit) => units is null || units.Contains(unit);

    /// <summary>Adds an object, setting its metadata from <paramref name="name"/>, <paramref name="ns"/> and the sources.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="obj">The object.</param>
    /// <param name="name">The name.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="sources">The SMI objects it comes from.</param>
    public void Add(UnitKey unit, IKubernetesObject<V1ObjectMeta> obj, string name, string ns, IEnumerable<ResourceRef> sources)
    {
        obj.Metadata = GeneratedMetadata.Create(name, ns, GatewayApiTranslator.MeshName, unit, sources);
        if (Wants(unit))
        {
            _resources.Add(new GeneratedResource(unit, obj));
        }
    }

    /// <summary>Reports a diagnostic of this translator.</summary>
    /// <param name="unit">The unit it belongs to.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    public void Report(UnitKey unit, Diagnostic diagnostic)
    {
        if (Wants(unit))
        {
            _diagnostics.Add(diagnostic with { Mesh = GatewayApiTranslator.MeshName });
        }
    }

    /// <summary>Adds the result of a delegated translation, already restricted to the wanted units.</summary>
    /// <param name="result">The result.</param>
    public void AddDelegated(TranslationResult result)
    {
        // Delegated outputs carry this mesh's label: a gateway-api controller owns them, and an istio or linkerd
        // controller in the same cluster must not take them for its own (nor prune them).
        foreach (var resource in result.Resources)
        {
            if (resource.Object.Metadata?.Labels is { } labels)
            {
                labels[GeneratedMetadata.MeshLabel] = GatewayApiTranslator.MeshName;
            }
        }

        _resources.AddRange(result.Resources);
        _diagnostics.AddRange(result.Diagnostics);
    }

    /// <summary>The sorted result.</summary>
    /// <returns>The result.</returns>
    public TranslationResult ToResult() => TranslationResult.Sorted(_resources, _diagnostics);
}

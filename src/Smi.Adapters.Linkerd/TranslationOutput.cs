using k8s;
using k8s.Models;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Linkerd;

/// <summary>Collects the objects and diagnostics of one translation, each with its unit, and filters them at the end.</summary>
internal sealed class TranslationOutput
{
    private readonly List<GeneratedResource> _resources = [];
    private readonly List<(UnitKey Unit, Diagnostic Diagnostic)> _diagnostics = [];

    /// <summary>Adds an object, setting its metadata from <paramref name="name"/>, <paramref name="ns"/> and the sources.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="obj">The object.</param>
    /// <param name="name">The name.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="sources">The SMI objects it comes from.</param>
    public void Add(UnitKey unit, IKubernetesObject<V1ObjectMeta> obj, string name, string ns, IEnumerable<ResourceRef> sources)
    {
        obj.Metadata = GeneratedMetadata.Create(name, ns, LinkerdTranslator.MeshName, unit, sources);
        _resources.Add(new GeneratedResource(unit, obj));
    }

    /// <summary>Reports a diagnostic.</summary>
    /// <param name="unit">The unit it belongs to.</param>
    /// <param name="diagnostic">The diagnostic.</param>
    public void Report(UnitKey unit, Diagnostic diagnostic) => _diagnostics.Add((unit, diagnostic with { Mesh = LinkerdTranslator.MeshName }));

    /// <summary>The sorted result, restricted to <paramref name="units"/> when given.</summary>
    /// <param name="units">The units wanted, or <see langword="null"/> for all.</param>
    /// <returns>The result.</returns>
    public TranslationResult ToResult(IReadOnlySet<UnitKey>? units) =>
        TranslationResult.Sorted(
            _resources.Where(r => units is null || units.Contains(r.Unit)),
            _diagnostics.Where(d => units is null || units.Contains(d.Unit)).Select(d => d.Diagnostic));
}

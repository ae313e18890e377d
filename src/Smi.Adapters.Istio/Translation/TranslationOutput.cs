using k8s;
using k8s.Models;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Istio.Translation;

/// <summary>Collects what one translation produces, keeping only the requested units.</summary>
internal sealed class TranslationOutput(IReadOnlySet<UnitKey>? units)
{
    private readonly List<GeneratedResource> _resources = [];
    private readonly List<Diagnostic> _diagnostics = [];

    public bool Wants(UnitKey unit) => units is null || units.Contains(unit);

    public void Add(UnitKey unit, IKubernetesObject<V1ObjectMeta> resource)
    {
        if (Wants(unit))
        {
            _resources.Add(new GeneratedResource(unit, resource));
        }
    }

    public void Report(UnitKey unit, Diagnostic diagnostic)
    {
        if (Wants(unit))
        {
            _diagnostics.Add(diagnostic with { Mesh = IstioTranslator.MeshName });
        }
    }

    public TranslationResult ToResult() => TranslationResult.Sorted(_resources, _diagnostics);
}

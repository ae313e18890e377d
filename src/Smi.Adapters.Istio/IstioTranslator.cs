using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.Istio.Access;
using Smi.Adapters.Istio.Splits;

namespace Smi.Adapters.Istio;

/// <summary>
/// Translates SMI into Istio: TrafficSplits into one VirtualService per root host, TrafficTargets into one ALLOW
/// AuthorizationPolicy per destination, and optionally a deny-all AuthorizationPolicy per namespace.
/// </summary>
public sealed class IstioTranslator : IMeshTranslator
{
    /// <summary>The mesh name this translator is registered under.</summary>
    public const string MeshName = "istio";

    private readonly IstioSettings _settings;

    /// <summary>Creates the translator.</summary>
    /// <param name="translationOptions">The settings all meshes share.</param>
    /// <param name="istioOptions">The Istio settings, which override the shared ones where set.</param>
    public IstioTranslator(TranslationOptions translationOptions, IstioOptions istioOptions)
    {
        ArgumentNullException.ThrowIfNull(translationOptions);
        ArgumentNullException.ThrowIfNull(istioOptions);
        _settings = IstioSettings.From(translationOptions, istioOptions);
    }

    /// <inheritdoc/>
    public string Mesh => MeshName;

    /// <inheritdoc/>
    public TranslationResult Translate(MeshSnapshot snapshot, IReadOnlySet<UnitKey>? units = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var output = new TranslationOutput(MeshName, units);
        VirtualServiceTranslation.Translate(snapshot, _settings, output);
        AuthorizationPolicyTranslation.Translate(snapshot, _settings, output);
        return output.ToResult();
    }
}

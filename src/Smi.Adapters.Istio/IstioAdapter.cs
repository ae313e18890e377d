using System.Collections.Immutable;
using Smi.Abstractions.Adapters;

namespace Smi.Adapters.Istio;

/// <summary>
/// The Istio adapter: <see cref="IstioTranslator"/> with <see cref="IstioOptions"/> (section <c>istio</c>),
/// VirtualServices, DestinationRules and AuthorizationPolicies in <c>v1</c> and <c>v1beta1</c>, and Istio's
/// standard metrics.
/// </summary>
public sealed class IstioAdapter : MeshAdapter<IstioOptions, IstioTranslator>
{
    /// <inheritdoc/>
    public override string Name => IstioTranslator.MeshName;

    /// <inheritdoc/>
    public override ImmutableArray<MeshResourceKind> OutputKinds { get; } =
    [
        new("networking.istio.io", "v1", "virtualservices", "VirtualService"),
        new("networking.istio.io", "v1", "destinationrules", "DestinationRule"),
        new("security.istio.io", "v1", "authorizationpolicies", "AuthorizationPolicy"),
        new("networking.istio.io", "v1beta1", "virtualservices", "VirtualService"),
        new("networking.istio.io", "v1beta1", "destinationrules", "DestinationRule"),
        new("security.istio.io", "v1beta1", "authorizationpolicies", "AuthorizationPolicy"),
    ];

    /// <inheritdoc/>
    public override string? MetricsQueries => IstioTranslator.MeshName;
}

using System.Collections.Immutable;
using Smi.Abstractions.Adapters;

namespace Smi.Adapters.Consul;

/// <summary>
/// The Consul adapter: <see cref="ConsulTranslator"/> with <see cref="ConsulOptions"/> (section <c>consul</c>), the
/// consul-k8s config entries it writes and Consul's Envoy metrics.
/// </summary>
public sealed class ConsulAdapter : MeshAdapter<ConsulOptions, ConsulTranslator>
{
    /// <inheritdoc/>
    public override string Name => ConsulTranslator.MeshName;

    /// <inheritdoc/>
    public override ImmutableArray<MeshResourceKind> OutputKinds { get; } =
    [
        new("consul.hashicorp.com", "v1alpha1", "servicesplitters", "ServiceSplitter"),
        new("consul.hashicorp.com", "v1alpha1", "servicerouters", "ServiceRouter"),
        new("consul.hashicorp.com", "v1alpha1", "serviceresolvers", "ServiceResolver"),
        new("consul.hashicorp.com", "v1alpha1", "servicedefaults", "ServiceDefaults"),
        new("consul.hashicorp.com", "v1alpha1", "serviceintentions", "ServiceIntentions"),
    ];

    /// <inheritdoc/>
    public override string? MetricsQueries => ConsulTranslator.MeshName;
}

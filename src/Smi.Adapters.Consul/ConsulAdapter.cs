using System.Collections.Immutable;
using Smi.Abstractions.Adapters;
using Smi.Adapters.Consul.Resources;

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
        ConfigEntry(ServiceSplitter.KubePluralName, ServiceSplitter.KubeKind),
        ConfigEntry(ServiceRouter.KubePluralName, ServiceRouter.KubeKind),
        ConfigEntry(ServiceResolver.KubePluralName, ServiceResolver.KubeKind),
        ConfigEntry(ServiceDefaults.KubePluralName, ServiceDefaults.KubeKind),
        ConfigEntry(ServiceIntentions.KubePluralName, ServiceIntentions.KubeKind),
    ];

    /// <inheritdoc/>
    public override string? MetricsQueries => ConsulTranslator.MeshName;

    /// <summary>A consul-k8s config-entry kind; they all share one API group and version.</summary>
    private static MeshResourceKind ConfigEntry(string pluralName, string kind) =>
        new(ServiceSplitter.KubeGroup, ServiceSplitter.KubeApiVersion, pluralName, kind);
}

using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Split.V1Alpha2;
using Next = Smi.Abstractions.Resources.Split.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// split.smi-spec.io/v1alpha2 TrafficSplit to and from <see cref="SplitRule"/>, through v1alpha4, whose shape it has
/// without matches.
/// </summary>
public sealed class SplitV1Alpha2() : SmiVersion<TrafficSplit, SplitRule>(
    TrafficSplit.KubeGroup, TrafficSplit.KubeApiVersion, TrafficSplit.KubeKind, TrafficSplit.KubePluralName)
{
    /// <inheritdoc/>
    protected override SplitRule ToHub(TrafficSplit resource, ConversionContext context) =>
        SplitV1Alpha4.ToHub(ToNext(resource.Spec), RefOf(resource));

    /// <inheritdoc/>
    protected override TrafficSplit FromHub(SplitRule hub, ConversionContext context) =>
        new() { Spec = FromNext(SplitV1Alpha4.FromHub(hub, allowMatches: false, ApiVersion, context)) };

    private static Next.TrafficSplitSpec ToNext(TrafficSplitSpec spec) => new()
    {
        Service = spec.Service,
        Backends = spec.Backends is null
            ? null
            : [.. spec.Backends.Select(b => new Next.TrafficSplitBackend { Service = b.Service, Weight = b.Weight })],
    };

    private static TrafficSplitSpec FromNext(Next.TrafficSplitSpec spec) => new()
    {
        Service = spec.Service,
        Backends = spec.Backends is null
            ? null
            : [.. spec.Backends.Select(b => new TrafficSplitBackend { Service = b.Service, Weight = b.Weight })],
    };
}

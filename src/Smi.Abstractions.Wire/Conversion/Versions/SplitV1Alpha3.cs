using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Split.V1Alpha3;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>split.smi-spec.io/v1alpha3 TrafficSplit to and from <see cref="SplitRule"/>.</summary>
public sealed class SplitV1Alpha3() : SmiVersion<TrafficSplit, SplitRule>(
    TrafficSplit.KubeGroup, TrafficSplit.KubeApiVersion, TrafficSplit.KubeKind, TrafficSplit.KubePluralName)
{
    /// <inheritdoc/>
    protected override SplitRule ToHub(TrafficSplit resource, ConversionContext context) => new(
        RefOf(resource),
        resource.Spec.Service ?? string.Empty,
        [.. (resource.Spec.Backends ?? []).Select(b => new SplitBackend(b.Service ?? string.Empty, b.Weight ?? 0m))],
        [.. (resource.Spec.Matches ?? []).Select(m => new RouteGroupRef(
            m.Kind ?? string.Empty, m.Name ?? string.Empty, m.ApiGroup))]);

    /// <inheritdoc/>
    protected override TrafficSplit FromHub(SplitRule hub, ConversionContext context)
    {
        var weights = SplitWeights.ToWholeNumbers(hub.Backends, ApiVersion, context);
        return new TrafficSplit
        {
            Spec = new TrafficSplitSpec
            {
                Service = hub.RootService,
                Backends = [.. hub.Backends.Select((
                    b, i) => new TrafficSplitBackend { Service = b.Service, Weight = weights[i] })],
                Matches = hub.HasMatches
                    ? [.. hub.RouteGroups.Select(g =>
                        new TrafficSplitMatch { ApiGroup = g.ApiGroup, Kind = g.Kind, Name = g.Name })]
                    : null,
            },
        };
    }
}

using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Split.V1Alpha2;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>split.smi-spec.io/v1alpha2 TrafficSplit to and from <see cref="SplitRule"/>.</summary>
public sealed class SplitV1Alpha2() : SmiVersion<TrafficSplit, SplitRule>(
    TrafficSplit.KubeGroup, TrafficSplit.KubeApiVersion, TrafficSplit.KubeKind, TrafficSplit.KubePluralName)
{
    /// <inheritdoc/>
    protected override SplitRule ToHub(TrafficSplit resource, ConversionContext context) => new(
        RefOf(resource),
        resource.Spec.Service ?? string.Empty,
        [.. (resource.Spec.Backends ?? []).Select(b => new SplitBackend(b.Service ?? string.Empty, b.Weight ?? 0m))],
        []);

    /// <inheritdoc/>
    protected override TrafficSplit FromHub(SplitRule hub, ConversionContext context)
    {
        if (hub.HasMatches)
        {
            context.ReportLossy(
                "spec.matches",
                ApiVersion,
                $"the HTTPRouteGroup matches ({string.Join(", ", hub.RouteGroups.Select(g => g.Name))}), so all "
                    + "traffic of the root service is split, not only matching requests");
        }

        var weights = SplitWeights.ToWholeNumbers(hub.Backends, ApiVersion, context);
        return new TrafficSplit
        {
            Spec = new TrafficSplitSpec
            {
                Service = hub.RootService,
                Backends = [.. hub.Backends.Select((
                    b, i) => new TrafficSplitBackend { Service = b.Service, Weight = weights[i] })],
            },
        };
    }
}

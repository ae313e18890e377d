using Smi.Abstractions.Model;
using Smi.Abstractions.Resources;
using Smi.Abstractions.Resources.Split.V1Alpha1;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// split.smi-spec.io/v1alpha1 TrafficSplit to and from <see cref="SplitRule"/>. Quantity weights convert by value
/// (<c>1</c> is 1, <c>500m</c> is 0.5), not by their unscaled digits as smi-sdk-go does, so ratios stay right.
/// </summary>
public sealed class SplitV1Alpha1() : SmiVersion<TrafficSplit, SplitRule>(
    TrafficSplit.KubeGroup, TrafficSplit.KubeApiVersion, TrafficSplit.KubeKind, TrafficSplit.KubePluralName)
{
    /// <inheritdoc/>
    protected override SplitRule ToHub(TrafficSplit resource, ConversionContext context) => new(
        RefOf(resource),
        resource.Spec.Service ?? string.Empty,
        [.. (resource.Spec.Backends ?? []).Select(b => new SplitBackend(
            b.Service ?? string.Empty, b.Weight?.Value ?? 0m))],
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

        return new TrafficSplit
        {
            Spec = new TrafficSplitSpec
            {
                Service = hub.RootService,
                Backends =
                [
                    .. hub.Backends.Select(b =>
                        new TrafficSplitBackend { Service = b.Service, Weight = new Quantity(b.Weight) }),
                ],
            },
        };
    }
}

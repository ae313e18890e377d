using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Split.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// split.smi-spec.io/v1alpha4 TrafficSplit to and from <see cref="SplitRule"/>. v1alpha3 has the same shape and
/// v1alpha2 the same shape without matches; both convert through it.
/// </summary>
public sealed class SplitV1Alpha4() : SmiVersion<TrafficSplit, SplitRule>(
    TrafficSplit.KubeGroup, TrafficSplit.KubeApiVersion, TrafficSplit.KubeKind, TrafficSplit.KubePluralName)
{
    /// <inheritdoc/>
    protected override SplitRule ToHub(TrafficSplit resource, ConversionContext context) =>
        ToHub(resource.Spec, RefOf(resource));

    /// <inheritdoc/>
    protected override TrafficSplit FromHub(SplitRule hub, ConversionContext context) =>
        new() { Spec = FromHub(hub, allowMatches: true, ApiVersion, context) };

    /// <summary>Reads a spec of this shape.</summary>
    internal static SplitRule ToHub(TrafficSplitSpec spec, ResourceRef source) => new(
        source,
        spec.Service ?? string.Empty,
        [.. (spec.Backends ?? []).Select(b => new SplitBackend(b.Service ?? string.Empty, b.Weight ?? 0m))],
        [.. (spec.Matches ?? []).Select(m => new RouteGroupRef(
            m.Kind ?? string.Empty, m.Name ?? string.Empty, m.ApiGroup))]);

    /// <summary>
    /// Writes a spec of this shape, in <paramref name="apiVersion"/>; without <paramref name="allowMatches"/> the
    /// route group matches are reported lost and left out.
    /// </summary>
    internal static TrafficSplitSpec FromHub(
        SplitRule hub, bool allowMatches, string apiVersion, ConversionContext context)
    {
        if (!allowMatches && hub.HasMatches)
        {
            context.ReportLossy(
                "spec.matches",
                apiVersion,
                $"the HTTPRouteGroup matches ({string.Join(", ", hub.RouteGroups.Select(g => g.Name))}), so all "
                    + "traffic of the root service is split, not only matching requests");
        }

        var weights = SplitWeights.ToWholeNumbers(hub.Backends, apiVersion, context);
        return new TrafficSplitSpec
        {
            Service = hub.RootService,
            Backends = [.. hub.Backends.Select((
                b, i) => new TrafficSplitBackend { Service = b.Service, Weight = weights[i] })],
            Matches = allowMatches && hub.HasMatches
                ? [.. hub.RouteGroups.Select(g =>
                    new TrafficSplitMatch { ApiGroup = g.ApiGroup, Kind = g.Kind, Name = g.Name })]
                : null,
        };
    }
}

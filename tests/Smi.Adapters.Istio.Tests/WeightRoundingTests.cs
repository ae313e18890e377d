using System.Collections.Immutable;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Adapters.Istio.Translation;

namespace Smi.Adapters.Istio.Tests;

public class WeightRoundingTests
{
    private static readonly IstioSettings Settings = new("cluster.local", "cluster.local", false, IstioApiVersion.V1);

    [Theory]
    [InlineData(new[] { 1.0, 0.5 }, new[] { 67, 33 }, true)]
    [InlineData(new[] { 33.0, 33.0, 33.0 }, new[] { 34, 33, 33 }, true)]
    [InlineData(new[] { 0.0, 100.0 }, new[] { 0, 100 }, false)]
    [InlineData(new[] { 90.0, 10.0 }, new[] { 90, 10 }, false)]
    [InlineData(new[] { 9.0, 1.0 }, new[] { 90, 10 }, false)]
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 15, 15, 14, 14, 14, 14, 14 }, true)]
    [InlineData(new[] { 0.001, 1000.0 }, new[] { 0, 100 }, true)]
    [InlineData(new[] { 5.0 }, new[] { 100 }, false)]
    public void Destinations_WholePercentsSummingTo100(double[] weights, int[] expected, bool reportsRounding)
    {
        var split = new SplitRule(
            new ResourceRef("split.smi-spec.io/v1alpha1", "TrafficSplit", "shop", "web"),
            "web",
            [.. weights.Select((w, i) => new SplitBackend($"web-{i}", (decimal)w))],
            ImmutableArray<RouteGroupRef>.Empty);
        var diagnostics = new List<Diagnostic>();

        var destinations = VirtualServiceTranslation.Destinations(split, Settings, diagnostics.Add);

        Assert.Equal(expected, destinations.Select(d => d.Weight!.Value));
        Assert.Equal(100, destinations.Sum(d => d.Weight!.Value));
        Assert.Equal("web-0.shop.svc.cluster.local", destinations[0].Destination.Host);
        Assert.Equal(reportsRounding, diagnostics.Any(d => d.Reason == "WeightsRounded"));
    }
}

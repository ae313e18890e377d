using System.Collections.Immutable;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Adapters.Istio.Splits;

namespace Smi.Adapters.Istio.Tests;

public class WeightRoundingTests
{
    private static readonly IstioSettings V1 = new("cluster.local", "cluster.local", false, IstioApiVersion.V1);

    private static readonly IstioSettings V1Beta1 = V1 with { ApiVersion = IstioApiVersion.V1Beta1 };

    [Theory]
    [InlineData(new[] { 1.0, 0.5 }, new[] { 10, 5 })]
    [InlineData(new[] { 33.0, 33.0, 33.0 }, new[] { 33, 33, 33 })]
    [InlineData(new[] { 1.0, 2.0, 997.0 }, new[] { 1, 2, 997 })]
    [InlineData(new[] { 0.0, 100.0 }, new[] { 0, 100 })]
    [InlineData(new[] { 90.0, 10.0 }, new[] { 90, 10 })]
    [InlineData(new[] { 9.0, 1.0 }, new[] { 90, 10 })]
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 1, 1, 1, 1, 1, 1, 1 })]
    [InlineData(new[] { 5.0 }, new[] { 100 })]
    public void V1_KeepsProportionsWithoutWarning(double[] weights, int[] expected)
    {
        var diagnostics = new List<Diagnostic>();

        var destinations = VirtualServiceTranslation.Destinations(Split(weights), V1, diagnostics.Add);

        Assert.Equal(expected, destinations.Select(d => d.Weight!.Value));
        Assert.Equal("web-0.shop.svc.cluster.local", destinations[0].Destination.Host);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void V1_BackendDrivenToZero_IsAWarningNamingIt()
    {
        var diagnostics = new List<Diagnostic>();

        var destinations = VirtualServiceTranslation.Destinations(Split([5_000_000, 1]), V1, diagnostics.Add);

        Assert.Equal([1_000_000, 0], destinations.Select(d => d.Weight!.Value));
        var warning = Assert.Single(diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal("WeightsRounded", warning.Reason);
        Assert.Contains("backend web-1 gets 0% instead of <0.0001%", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 1.0, 0.5 }, new[] { 67, 33 }, DiagnosticSeverity.Warning)]
    [InlineData(new[] { 33.0, 33.0, 33.0 }, new[] { 34, 33, 33 }, DiagnosticSeverity.Warning)]
    [InlineData(new[] { 1.0, 2.0, 997.0 }, new[] { 0, 0, 100 }, DiagnosticSeverity.Warning)]
    [InlineData(
        new[] { 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, new[] { 15, 15, 14, 14, 14, 14, 14 }, DiagnosticSeverity.Warning)]
    public void V1Beta1_WholePercentsSummingTo100(double[] weights, int[] expected, DiagnosticSeverity severity)
    {
        var diagnostics = new List<Diagnostic>();

        var destinations = VirtualServiceTranslation.Destinations(Split(weights), V1Beta1, diagnostics.Add);

        Assert.Equal(expected, destinations.Select(d => d.Weight!.Value));
        Assert.Equal(100, destinations.Sum(d => d.Weight!.Value));
        Assert.Equal(severity, Assert.Single(diagnostics, d => d.Reason == "WeightsRounded").Severity);
    }

    private static SplitRule Split(double[] weights) => new(
        new ResourceRef("split.smi-spec.io/v1alpha1", "TrafficSplit", "shop", "web"),
        "web",
        [.. weights.Select((w, i) => new SplitBackend($"web-{i}", (decimal)w))],
        ImmutableArray<RouteGroupRef>.Empty);
}

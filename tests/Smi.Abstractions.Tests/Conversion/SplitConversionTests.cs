using k8s;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Resources;
using static Smi.Abstractions.Tests.Conversion.ConversionHarness;
using V1 = Smi.Abstractions.Resources.Split.V1Alpha1;
using V2 = Smi.Abstractions.Resources.Split.V1Alpha2;
using V3 = Smi.Abstractions.Resources.Split.V1Alpha3;
using V4 = Smi.Abstractions.Resources.Split.V1Alpha4;

namespace Smi.Abstractions.Tests.Conversion;

public class SplitConversionTests
{
    // The split v1alpha1 spec example: 1 and 500m, so roughly 67% and 33%.
    private const string V1Alpha1Example = """
        apiVersion: split.smi-spec.io/v1alpha1
        kind: TrafficSplit
        metadata:
          name: my-weights
        spec:
          service: my-website
          backends:
          - service: my-website-v1
            weight: 1
          - service: my-website-v2
            weight: 500m
        """;

    // The split v1alpha2 spec example: the canary starts at weight 0.
    private const string V1Alpha2Example = """
        apiVersion: split.smi-spec.io/v1alpha2
        kind: TrafficSplit
        metadata:
          name: canary
        spec:
          service: website
          backends:
          - service: website-v1
            weight: 100
          - service: website-v2
            weight: 0
        """;

    // The split v1alpha3 A/B example, with the route group under spec (the spec text puts matches at the top level, erratum 8.2).
    private const string V1Alpha3Example = """
        apiVersion: specs.smi-spec.io/v1alpha3
        kind: HTTPRouteGroup
        metadata:
          name: ab-test
        spec:
          matches:
          - name: firefox-users
            headers:
              user-agent: ".*Firefox.*"
        ---
        apiVersion: split.smi-spec.io/v1alpha3
        kind: TrafficSplit
        metadata:
          name: ab-test
        spec:
          service: website
          matches:
          - kind: HTTPRouteGroup
            name: ab-test
          backends:
          - service: website-v1
            weight: 0
          - service: website-v2
            weight: 100
        """;

    private const string V1Alpha4Canary = """
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata:
          name: canary
          namespace: shop
        spec:
          service: web
          backends:
          - service: web-current
            weight: 90
          - service: web-next
            weight: 10
        """;

    [Fact]
    public void V1Alpha1_QuantityWeights_LoadByValue()
    {
        var split = Assert.Single(LoadSnapshot(V1Alpha1Example).Splits);
        AssertHubEqual(
            new SplitRule(new ResourceRef("split.smi-spec.io/v1alpha1", "TrafficSplit", "default", "my-weights"), "my-website", [new SplitBackend("my-website-v1", 1m), new SplitBackend("my-website-v2", 0.5m)], []),
            split);
        Assert.Equal(2m, split.Backends[0].Weight / split.Backends[1].Weight);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("\"1\"", 1)]
    [InlineData("500m", 0.5)]
    [InlineData("\"500m\"", 0.5)]
    [InlineData("10m", 0.01)]
    [InlineData("1500m", 1.5)]
    [InlineData("0.5", 0.5)]
    [InlineData("1k", 1000)]
    [InlineData("2Ki", 2048)]
    [InlineData("1e3", 1000)]
    public void V1Alpha1_Weight_ReadsNumberOrString(string weight, double expected)
    {
        var yaml = V1Alpha1Example.Replace("weight: 500m", $"weight: {weight}", StringComparison.Ordinal);
        var split = Assert.Single(LoadSnapshot(yaml).Splits);
        Assert.Equal((decimal)expected, split.Backends[1].Weight);
    }

    [Fact]
    public void V1Alpha1_BadQuantity_IsAFieldError()
    {
        var loaded = new Serialization.ManifestLoader().LoadText(V1Alpha1Example.Replace("weight: 500m", "weight: half", StringComparison.Ordinal), "in.yaml");
        var diagnostic = Assert.Single(loaded.Diagnostics);
        Assert.Equal(("InvalidField", DiagnosticSeverity.Error), (diagnostic.Reason, diagnostic.Severity));
        Assert.Contains("weight", diagnostic.FieldPath, StringComparison.Ordinal);
    }

    [Fact]
    public void V1Alpha1_FractionalWeight_IsValid()
    {
        var snapshot = SnapshotWithDiagnostics(V1Alpha1Example);
        Assert.DoesNotContain(snapshot.Diagnostics, d => d.Reason == "InvalidWeight");
        Assert.Single(snapshot.Splits);
    }

    [Fact]
    public void V1Alpha2_LoadsIntoHub()
    {
        var split = Assert.Single(LoadSnapshot(V1Alpha2Example).Splits);
        AssertHubEqual(
            new SplitRule(new ResourceRef("split.smi-spec.io/v1alpha2", "TrafficSplit", "default", "canary"), "website", [new SplitBackend("website-v1", 100), new SplitBackend("website-v2", 0)], []),
            split);
    }

    [Fact]
    public void V1Alpha2_FractionalWeight_IsReportedByValidation_NotAParseError()
    {
        var snapshot = SnapshotWithDiagnostics(V1Alpha2Example.Replace("weight: 0", "weight: 0.5", StringComparison.Ordinal));
        var diagnostic = Assert.Single(snapshot.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("InvalidWeight", "spec.backends[1].weight"), (diagnostic.Reason, diagnostic.FieldPath));
        Assert.Empty(snapshot.Splits);
    }

    [Fact]
    public void V1Alpha3_WithMatches_LoadsIntoHub()
    {
        var split = Assert.Single(LoadSnapshot(V1Alpha3Example).Splits);
        AssertHubEqual(
            new SplitRule(
                new ResourceRef("split.smi-spec.io/v1alpha3", "TrafficSplit", "default", "ab-test"),
                "website",
                [new SplitBackend("website-v1", 0), new SplitBackend("website-v2", 100)],
                [new RouteGroupRef("HTTPRouteGroup", "ab-test")]),
            split);
    }

    [Fact]
    public void V1Alpha4_LoadsIntoHub()
    {
        var split = Assert.Single(LoadSnapshot(V1Alpha4Canary).Splits);
        AssertHubEqual(
            new SplitRule(new ResourceRef("split.smi-spec.io/v1alpha4", "TrafficSplit", "shop", "canary"), "web", [new SplitBackend("web-current", 90), new SplitBackend("web-next", 10)], []),
            split);
    }

    [Theory]
    [InlineData(V1Alpha1Example)]
    [InlineData(V1Alpha2Example)]
    [InlineData(V1Alpha3Example)]
    [InlineData(V1Alpha4Canary)]
    public void RoundTrip_IsIdentity(string yaml)
    {
        foreach (var resource in LoadAll(yaml))
        {
            AssertRoundTrip(resource);
        }
    }

    [Fact]
    public void V1Alpha1_WritesCanonicalQuantities()
    {
        var (result, diagnostics) = Convert(LoadOne(V1Alpha4Canary), "v1alpha1");
        Assert.Empty(diagnostics);
        var split = Assert.IsType<V1.TrafficSplit>(result);
        Assert.Equal(["90", "10"], split.Spec.Backends!.Select(b => b.Weight!.Value.ToString()));
        Assert.Contains("\"weight\":\"90\"", KubernetesJson.Serialize(split), StringComparison.Ordinal);

        var (fromV1, _) = Convert(LoadOne(V1Alpha1Example), "v1alpha1");
        Assert.Equal(["1", "500m"], ((V1.TrafficSplit)fromV1).Spec.Backends!.Select(b => b.Weight!.Value.ToString()));
    }

    [Fact]
    public void V1Alpha1_ToWholeNumberVersions_ScalesWeightsAndKeepsRatio()
    {
        foreach (var target in new[] { "v1alpha2", "v1alpha3", "v1alpha4" })
        {
            var (result, diagnostics) = Convert(LoadOne(V1Alpha1Example), target);
            var json = KubernetesJson.Serialize(result);
            Assert.Contains("\"weight\":10}", json, StringComparison.Ordinal);
            Assert.Contains("\"weight\":5}", json, StringComparison.Ordinal);
            var diagnostic = Assert.Single(diagnostics);
            Assert.Equal(("WeightsRescaled", DiagnosticSeverity.Info), (diagnostic.Reason, diagnostic.Severity));
        }
    }

    [Fact]
    public void V1Alpha3Matches_ToV1Alpha1AndV1Alpha2_AreReportedLost()
    {
        var split = LoadAll(V1Alpha3Example).OfType<V3.TrafficSplit>().Single();
        foreach (var target in new[] { "v1alpha1", "v1alpha2" })
        {
            var (result, diagnostics) = Convert(split, target);
            Assert.Equal(["spec.matches"], LossyPaths(diagnostics));
            Assert.DoesNotContain("matches", KubernetesJson.Serialize(result), StringComparison.Ordinal);
            Assert.Contains("website-v2", KubernetesJson.Serialize(result), StringComparison.Ordinal);
        }

        var (v4, toV4) = Convert(split, "v1alpha4");
        Assert.Empty(toV4);
        Assert.Equal("ab-test", Assert.Single(((V4.TrafficSplit)v4).Spec.Matches!).Name);
    }

    [Fact]
    public void V1Alpha2_ToV1Alpha3_KeepsEverything()
    {
        var (result, diagnostics) = Convert(LoadOne(V1Alpha2Example), "split.smi-spec.io/v1alpha3");
        Assert.Empty(diagnostics);
        var split = Assert.IsType<V3.TrafficSplit>(result);
        Assert.Equal([100m, 0m], split.Spec.Backends!.Select(b => b.Weight!.Value));
        Assert.Null(split.Spec.Matches);
        Assert.Equal("canary", split.Metadata.Name);
        _ = Assert.IsType<V2.TrafficSplit>(LoadOne(V1Alpha2Example));
    }

    [Fact]
    public void Quantity_WritesLargestWholeSuffix()
    {
        Assert.Equal("500m", new Quantity(0.5m).ToString());
        Assert.Equal("10m", new Quantity(0.010m).ToString());
        Assert.Equal("1500m", new Quantity(1.5m).ToString());
        Assert.Equal("90", new Quantity(90.000m).ToString());
        Assert.Equal("1500u", new Quantity(0.0015m).ToString());
        Assert.Equal(new Quantity(1m), Quantity.Parse("1000m"));
    }
}

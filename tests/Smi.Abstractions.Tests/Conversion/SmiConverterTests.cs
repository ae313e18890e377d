using Smi.Abstractions.Conversion;
using static Smi.Abstractions.Tests.Conversion.ConversionHarness;

namespace Smi.Abstractions.Tests.Conversion;

public class SmiConverterTests
{
    private const string Split = """
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata:
          name: web
          namespace: shop
          labels: {app: web}
        spec:
          service: web
          backends:
          - service: web-v1
            weight: 1
        """;

    [Fact]
    public void Converts_KeepingGroupKindAndMetadata()
    {
        var source = LoadOne(Split);
        var (result, diagnostics) = Convert(source, "v1alpha2");
        Assert.Empty(diagnostics);
        Assert.Equal(("split.smi-spec.io/v1alpha2", "TrafficSplit"), (result.ApiVersion, result.Kind));
        Assert.Equal("web", result.Metadata.Labels["app"]);
        Assert.NotSame(source.Metadata, result.Metadata);
    }

    [Fact]
    public void Accepts_AFullApiVersion() =>
        Assert.Equal("split.smi-spec.io/v1alpha1", Convert(LoadOne(Split), "split.smi-spec.io/v1alpha1").Result.ApiVersion);

    [Theory]
    [InlineData("v9")]
    [InlineData("v1alpha5")]
    [InlineData("access.smi-spec.io/v1alpha3")]
    public void Throws_ForAnUnknownTargetVersion(string target)
    {
        var source = LoadOne(Split);
        var error = Assert.Throws<ArgumentException>(() => SmiConverter.Convert(source, target, new ConversionContext(RefOf(source))));
        Assert.Equal("targetVersion", error.ParamName);
    }

    [Fact]
    public void Registry_HasEveryKindVersion()
    {
        var registered = SmiVersions.All.Select(v => $"{v.ApiVersion} {v.Kind}").Order(StringComparer.Ordinal).ToArray();
        string[] expected =
        [
            "access.smi-spec.io/v1alpha1 TrafficTarget",
            "access.smi-spec.io/v1alpha2 TrafficTarget",
            "access.smi-spec.io/v1alpha3 TrafficTarget",
            "access.smi-spec.io/v1alpha4 IdentityBinding",
            "access.smi-spec.io/v1alpha4 TrafficTarget",
            "specs.smi-spec.io/v1alpha1 HTTPRouteGroup",
            "specs.smi-spec.io/v1alpha1 TCPRoute",
            "specs.smi-spec.io/v1alpha2 HTTPRouteGroup",
            "specs.smi-spec.io/v1alpha2 TCPRoute",
            "specs.smi-spec.io/v1alpha3 HTTPRouteGroup",
            "specs.smi-spec.io/v1alpha3 TCPRoute",
            "specs.smi-spec.io/v1alpha4 HTTPRouteGroup",
            "specs.smi-spec.io/v1alpha4 TCPRoute",
            "specs.smi-spec.io/v1alpha4 UDPRoute",
            "split.smi-spec.io/v1alpha1 TrafficSplit",
            "split.smi-spec.io/v1alpha2 TrafficSplit",
            "split.smi-spec.io/v1alpha3 TrafficSplit",
            "split.smi-spec.io/v1alpha4 TrafficSplit",
        ];
        Assert.Equal(expected, registered);
    }
}

using k8s;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using static Smi.Abstractions.Tests.Conversion.ConversionHarness;
using V1 = Smi.Abstractions.Resources.Specs.V1Alpha1;
using V2 = Smi.Abstractions.Resources.Specs.V1Alpha2;
using V3 = Smi.Abstractions.Resources.Specs.V1Alpha3;
using V4 = Smi.Abstractions.Resources.Specs.V1Alpha4;

namespace Smi.Abstractions.Tests.Conversion;

public class SpecsConversionTests
{
    // The traffic-specs v1alpha1 example: matches at the top level, no headers.
    private const string HrgV1Alpha1 = """
        apiVersion: specs.smi-spec.io/v1alpha1
        kind: HTTPRouteGroup
        metadata:
          name: the-routes
        matches:
        - name: metrics
          pathRegex: "/metrics"
          methods:
          - GET
        - name: everything
          pathRegex: ".*"
          methods: ["*"]
        """;

    // v1alpha2: top-level matches with headers, in the smi-sdk-go list encoding.
    private const string HrgV1Alpha2 = """
        apiVersion: specs.smi-spec.io/v1alpha2
        kind: HTTPRouteGroup
        metadata:
          name: the-routes
          namespace: default
        matches:
        - name: metrics
          pathRegex: "/metrics"
          methods:
          - GET
        - name: android-insecure
          headers:
          - user-agent: ".*Android.*"
          - cookie: "type=insecure"
        """;

    // v1alpha3: matches move under spec; headers in the map encoding.
    private const string HrgV1Alpha3 = """
        apiVersion: specs.smi-spec.io/v1alpha3
        kind: HTTPRouteGroup
        metadata:
          name: the-routes
          namespace: default
        spec:
          matches:
          - name: metrics
            pathRegex: "/metrics"
            methods:
            - GET
          - name: android-insecure
            headers:
              user-agent: ".*Android.*"
              cookie: "type=insecure"
        """;

    private const string TcpV1Alpha1 = """
        apiVersion: specs.smi-spec.io/v1alpha1
        kind: TCPRoute
        metadata:
          name: tcp-route
          namespace: default
        """;

    private const string TcpV1Alpha2 = """
        apiVersion: specs.smi-spec.io/v1alpha2
        kind: TCPRoute
        metadata:
          name: tcp-route
          namespace: default
        """;

    private const string TcpV1Alpha3 = """
        apiVersion: specs.smi-spec.io/v1alpha3
        kind: TCPRoute
        metadata:
          name: tcp-route
          namespace: default
        spec: {}
        """;

    private const string TcpV1Alpha4 = """
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata:
          name: the-routes
          namespace: default
        spec:
          matches:
            ports:
            - 8301
            - 8302
            - 8300
        """;

    private static readonly RouteMatch Metrics = new("metrics", "/metrics", ["GET"], []);
    private static readonly RouteMatch Android = new("android-insecure", null, [], [new HeaderMatch("user-agent", ".*Android.*"), new HeaderMatch("cookie", "type=insecure")]);

    [Fact]
    public void HrgV1Alpha1_LoadsIntoHub()
    {
        var group = Assert.Single(LoadSnapshot(HrgV1Alpha1).RouteGroups);
        AssertHubEqual(
            new RouteGroup(new ResourceRef("specs.smi-spec.io/v1alpha1", "HTTPRouteGroup", "default", "the-routes"), [Metrics, new RouteMatch("everything", ".*", ["*"], [])]),
            group);
    }

    [Theory]
    [InlineData(HrgV1Alpha2, "v1alpha2")]
    [InlineData(HrgV1Alpha3, "v1alpha3")]
    public void HrgWithHeaders_LoadsIntoHub(string yaml, string version)
    {
        var group = Assert.Single(LoadSnapshot(yaml).RouteGroups);
        AssertHubEqual(new RouteGroup(new ResourceRef($"specs.smi-spec.io/{version}", "HTTPRouteGroup", "default", "the-routes"), [Metrics, Android]), group);
    }

    [Theory]
    [InlineData(TcpV1Alpha1, "v1alpha1")]
    [InlineData(TcpV1Alpha2, "v1alpha2")]
    [InlineData(TcpV1Alpha3, "v1alpha3")]
    public void TcpRouteWithoutPorts_LoadsAsAllPorts(string yaml, string version)
    {
        var route = Assert.Single(LoadSnapshot(yaml).PortRoutes);
        AssertHubEqual(new PortRoute(new ResourceRef($"specs.smi-spec.io/{version}", "TCPRoute", "default", "tcp-route"), PortProtocol.Tcp, []), route);
        Assert.True(route.AllPorts);
    }

    [Theory]
    [InlineData(HrgV1Alpha1)]
    [InlineData(HrgV1Alpha2)]
    [InlineData(HrgV1Alpha3)]
    [InlineData(TcpV1Alpha1)]
    [InlineData(TcpV1Alpha2)]
    [InlineData(TcpV1Alpha3)]
    [InlineData(TcpV1Alpha4)]
    public void RoundTrip_IsIdentity(string yaml) => AssertRoundTrip(LoadOne(yaml));

    [Fact]
    public void TcpV1Alpha3_WritesEmptySpec() =>
        Assert.Contains("\"spec\":{}", KubernetesJson.Serialize(Convert(LoadOne(TcpV1Alpha1), "v1alpha3").Result), StringComparison.Ordinal);

    [Fact]
    public void HrgHeaders_ToV1Alpha1_AreReportedLost_AndTheRestKept()
    {
        foreach (var yaml in new[] { HrgV1Alpha2, HrgV1Alpha3 })
        {
            var (result, diagnostics) = Convert(LoadOne(yaml), "v1alpha1");
            Assert.Equal(["matches[1].headers"], LossyPaths(diagnostics));
            var group = Assert.IsType<V1.HTTPRouteGroup>(result);
            Assert.Equal(["metrics", "android-insecure"], group.Matches!.Select(m => m.Name));
            Assert.Equal("/metrics", group.Matches![0].PathRegex);
        }
    }

    [Fact]
    public void HrgV1Alpha3_ToV1Alpha2_MovesMatchesToTopLevel()
    {
        var (result, diagnostics) = Convert(LoadOne(HrgV1Alpha3), "v1alpha2");
        Assert.Empty(diagnostics);
        var group = Assert.IsType<V2.HTTPRouteGroup>(result);
        Assert.Equal(".*Android.*", group.Matches![1].Headers!["user-agent"]);
        Assert.DoesNotContain("\"spec\"", KubernetesJson.Serialize(group), StringComparison.Ordinal);
    }

    [Fact]
    public void HrgV1Alpha1_ToV1Alpha3_KeepsEverything()
    {
        var (result, diagnostics) = Convert(LoadOne(HrgV1Alpha1), "v1alpha3");
        Assert.Empty(diagnostics);
        Assert.Equal(["metrics", "everything"], Assert.IsType<V3.HTTPRouteGroup>(result).Spec.Matches!.Select(m => m.Name));
    }

    [Theory]
    [InlineData("v1alpha1")]
    [InlineData("v1alpha2")]
    [InlineData("v1alpha3")]
    public void TcpPorts_ToOlderVersions_AreReportedLost(string target)
    {
        var (result, diagnostics) = Convert(LoadOne(TcpV1Alpha4), target);
        Assert.Equal(["spec.matches.ports"], LossyPaths(diagnostics));
        Assert.DoesNotContain("ports", KubernetesJson.Serialize(result), StringComparison.Ordinal);
    }

    [Fact]
    public void TcpWithoutPorts_ToV1Alpha4_HasEmptyPortList()
    {
        var (result, diagnostics) = Convert(LoadOne(TcpV1Alpha2), "v1alpha4");
        Assert.Empty(diagnostics);
        Assert.Empty(Assert.IsType<V4.TCPRoute>(result).Spec.Matches!.Ports!);
    }

    [Theory]
    [InlineData(HrgV1Alpha1, "matches[0].methods[0]")]
    [InlineData(HrgV1Alpha2, "matches[0].methods[0]")]
    [InlineData(HrgV1Alpha3, "spec.matches[0].methods[0]")]
    public void Validation_UsesTheVersionsFieldPaths(string yaml, string path)
    {
        var snapshot = SnapshotWithDiagnostics(yaml.Replace("- GET", "- FETCH", StringComparison.Ordinal));
        var diagnostic = Assert.Single(snapshot.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("InvalidMethod", path), (diagnostic.Reason, diagnostic.FieldPath));
    }
}

using System.Collections.Immutable;
using k8s;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using static Smi.Abstractions.Tests.Conversion.ConversionHarness;
using V1 = Smi.Abstractions.Resources.Access.V1Alpha1;
using V2 = Smi.Abstractions.Resources.Access.V1Alpha2;
using V3 = Smi.Abstractions.Resources.Access.V1Alpha3;
using V4 = Smi.Abstractions.Resources.Access.V1Alpha4;

namespace Smi.Abstractions.Tests.Conversion;

public class AccessConversionTests
{
    // The traffic-access v1alpha1 example (no spec wrapper, specs instead of rules), with its route group.
    private const string TtV1Alpha1 = """
        apiVersion: specs.smi-spec.io/v1alpha1
        kind: HTTPRouteGroup
        metadata:
          name: the-routes
          namespace: default
        matches:
        - name: metrics
          pathRegex: "/metrics"
          methods:
          - GET
        ---
        apiVersion: access.smi-spec.io/v1alpha1
        kind: TrafficTarget
        metadata:
          name: path-specific
          namespace: default
        destination:
          kind: ServiceAccount
          name: service-a
          namespace: default
          port: 8080
        specs:
        - kind: HTTPRouteGroup
          name: the-routes
          matches:
          - metrics
        sources:
        - kind: ServiceAccount
          name: prometheus
          namespace: default
        """;

    private const string TtV1Alpha2 = """
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
        ---
        apiVersion: access.smi-spec.io/v1alpha2
        kind: TrafficTarget
        metadata:
          name: path-specific
          namespace: default
        spec:
          destination:
            kind: ServiceAccount
            name: service-a
            namespace: default
            port: 8080
          rules:
          - kind: HTTPRouteGroup
            name: the-routes
            matches:
            - metrics
          sources:
          - kind: ServiceAccount
            name: prometheus
            namespace: default
        """;

    // The traffic-access v1alpha3 L4 example: TCP to three ports, UDP to two.
    private const string TtV1Alpha3 = """
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata:
          name: tcp-ports
          namespace: default
        spec:
          matches:
            ports: [8301, 8302, 8300]
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: UDPRoute
        metadata:
          name: udp-ports
          namespace: default
        spec:
          matches:
            ports: [8301, 8302]
        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata:
          name: protocal-specific
          namespace: default
        spec:
          destination:
            kind: ServiceAccount
            name: server
            namespace: default
          rules:
          - kind: TCPRoute
            name: tcp-ports
          - kind: UDPRoute
            name: udp-ports
          sources:
          - kind: ServiceAccount
            name: client
            namespace: default
        """;

    // The traffic-access v1alpha4 draft example: IdentityBindings for destination and source.
    private const string TtV1Alpha4 = """
        kind: IdentityBinding
        apiVersion: access.smi-spec.io/v1alpha4
        metadata:
          name: service-a
          namespace: default
        spec:
          schemes:
            podLabelSelector:
              matchLabels:
                app: service-a
            spiffeIdentities:
            - "cluster.local/ns/default/sa/service-a"
            - "federated.trustdomain/boundary/boundaryX/ns/default/sa/service-a"
        ---
        kind: IdentityBinding
        apiVersion: access.smi-spec.io/v1alpha4
        metadata:
          name: prometheus
          namespace: default
        spec:
          schemes:
            serviceAccount: prometheus
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
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
        ---
        kind: TrafficTarget
        apiVersion: access.smi-spec.io/v1alpha4
        metadata:
          name: path-specific
          namespace: default
        spec:
          destination:
            kind: IdentityBinding
            name: service-a
            namespace: default
          rules:
          - kind: HTTPRouteGroup
            name: the-routes
            matches:
            - metrics
          sources:
          - kind: IdentityBinding
            name: prometheus
            namespace: default
          - kind: ServiceAccount
            name: grafana
        """;

    private static readonly IdentityRef ServiceA = new(IdentityKind.ServiceAccount, "service-a", "default");
    private static readonly IdentityRef Prometheus = new(IdentityKind.ServiceAccount, "prometheus", "default");
    private static readonly AccessRule MetricsRule = new(AccessRuleKind.HttpRouteGroup, "the-routes", ["metrics"]);

    [Theory]
    [InlineData(TtV1Alpha1, "v1alpha1")]
    [InlineData(TtV1Alpha2, "v1alpha2")]
    public void V1Alpha1AndV1Alpha2_LoadIntoHub_KeepingDestinationPort(string yaml, string version)
    {
        var grant = Assert.Single(LoadSnapshot(yaml).AccessGrants);
        AssertHubEqual(
            new AccessGrant(new ResourceRef($"access.smi-spec.io/{version}", "TrafficTarget", "default", "path-specific"), ServiceA, 8080, [MetricsRule], [Prometheus]),
            grant);
        Assert.Equal(8080, grant.DestinationPort);
    }

    [Fact]
    public void V1Alpha2_PortIsOptional_AndAQuotedPortIsRead()
    {
        Assert.Null(Assert.Single(LoadSnapshot(TtV1Alpha2.Replace("    port: 8080\n", string.Empty, StringComparison.Ordinal)).AccessGrants).DestinationPort);
        Assert.Equal(8080, Assert.Single(LoadSnapshot(TtV1Alpha2.Replace("port: 8080", "port: \"8080\"", StringComparison.Ordinal)).AccessGrants).DestinationPort);
    }

    [Fact]
    public void V1Alpha3_LoadsIntoHub()
    {
        var grant = Assert.Single(LoadSnapshot(TtV1Alpha3).AccessGrants);
        AssertHubEqual(
            new AccessGrant(
                new ResourceRef("access.smi-spec.io/v1alpha3", "TrafficTarget", "default", "protocal-specific"),
                new IdentityRef(IdentityKind.ServiceAccount, "server", "default"),
                null,
                [new AccessRule(AccessRuleKind.TcpRoute, "tcp-ports", []), new AccessRule(AccessRuleKind.UdpRoute, "udp-ports", [])],
                [new IdentityRef(IdentityKind.ServiceAccount, "client", "default")]),
            grant);
    }

    [Fact]
    public void V1Alpha4_LoadsIntoHub_WithIdentityBindings()
    {
        var snapshot = LoadSnapshot(TtV1Alpha4);
        AssertHubEqual(
            new AccessGrant(
                new ResourceRef("access.smi-spec.io/v1alpha4", "TrafficTarget", "default", "path-specific"),
                new IdentityRef(IdentityKind.IdentityBinding, "service-a", "default"),
                null,
                [MetricsRule],
                [new IdentityRef(IdentityKind.IdentityBinding, "prometheus", "default"), new IdentityRef(IdentityKind.ServiceAccount, "grafana", "default", NamespaceWasSet: false)]),
            Assert.Single(snapshot.AccessGrants));
        Assert.Equal(2, snapshot.IdentityBindings.Length);
    }

    [Fact]
    public void IdentityBinding_LoadsIntoHub()
    {
        var bindings = LoadSnapshot(TtV1Alpha4).IdentityBindings;
        AssertHubEqual(
            new IdentityBindingRule(
                new ResourceRef("access.smi-spec.io/v1alpha4", "IdentityBinding", "default", "service-a"),
                null,
                new Dictionary<string, string> { ["app"] = "service-a" }.ToImmutableSortedDictionary(StringComparer.Ordinal),
                ["cluster.local/ns/default/sa/service-a", "federated.trustdomain/boundary/boundaryX/ns/default/sa/service-a"]),
            bindings.Single(b => b.Source.Name == "service-a"));
        AssertHubEqual(
            new IdentityBindingRule(new ResourceRef("access.smi-spec.io/v1alpha4", "IdentityBinding", "default", "prometheus"), "prometheus", null, []),
            bindings.Single(b => b.Source.Name == "prometheus"));
    }

    [Fact]
    public void V1Alpha4_DraftGroupField_IsAccepted()
    {
        var yaml = TtV1Alpha4.Replace("    kind: IdentityBinding\n    name: service-a", "    kind: IdentityBinding\n    group: access.smi-spec.io\n    name: service-a", StringComparison.Ordinal);
        Assert.Contains("group: access.smi-spec.io", yaml, StringComparison.Ordinal);
        Assert.Equal(IdentityKind.IdentityBinding, Assert.Single(LoadSnapshot(yaml).AccessGrants).Destination.Kind);
    }

    [Theory]
    [InlineData(TtV1Alpha1)]
    [InlineData(TtV1Alpha2)]
    [InlineData(TtV1Alpha3)]
    [InlineData(TtV1Alpha4)]
    public void RoundTrip_IsIdentity(string yaml)
    {
        foreach (var resource in LoadAll(yaml))
        {
            AssertRoundTrip(resource);
        }
    }

    [Fact]
    public void DestinationPort_ToV1Alpha3AndV1Alpha4_IsReportedLost_ToV1Alpha2_Kept()
    {
        var target = LoadAll(TtV1Alpha1).OfType<V1.TrafficTarget>().Single();
        foreach (var version in new[] { "v1alpha3", "v1alpha4" })
        {
            var (result, diagnostics) = Convert(target, version);
            Assert.Equal(["spec.destination.port"], LossyPaths(diagnostics));
            Assert.DoesNotContain("port", KubernetesJson.Serialize(result), StringComparison.Ordinal);
        }

        var (v2, toV2) = Convert(target, "v1alpha2");
        Assert.Empty(toV2);
        var spec = Assert.IsType<V2.TrafficTarget>(v2).Spec;
        Assert.Equal(8080, spec.Destination!.Port);
        Assert.Equal(["metrics"], Assert.Single(spec.Rules!).Matches!);
    }

    [Fact]
    public void V1Alpha3_ToV1Alpha1_MovesToTopLevelSpecs()
    {
        var target = LoadAll(TtV1Alpha3).OfType<V3.TrafficTarget>().Single();
        var (result, diagnostics) = Convert(target, "v1alpha1");
        Assert.Equal(["specs[1]"], LossyPaths(diagnostics));
        var v1 = Assert.IsType<V1.TrafficTarget>(result);
        Assert.Equal("TCPRoute", Assert.Single(v1.Specs!).Kind);
        Assert.Null(v1.Destination!.Port);
        Assert.Equal("client", Assert.Single(v1.Sources!).Name);
        Assert.DoesNotContain("\"spec\"", KubernetesJson.Serialize(v1), StringComparison.Ordinal);
    }

    [Fact]
    public void V1Alpha3_ToV1Alpha4_KeepsEverything()
    {
        var target = LoadAll(TtV1Alpha3).OfType<V3.TrafficTarget>().Single();
        var (result, diagnostics) = Convert(target, "v1alpha4");
        Assert.Empty(diagnostics);
        var spec = Assert.IsType<V4.TrafficTarget>(result).Spec;
        Assert.Equal(["TCPRoute", "UDPRoute"], spec.Rules!.Select(r => r.Kind));
        Assert.Equal("ServiceAccount", spec.Destination!.Kind);
    }

    [Theory]
    [InlineData("v1alpha1", "destination", "sources[0]")]
    [InlineData("v1alpha2", "spec.destination", "spec.sources[0]")]
    [InlineData("v1alpha3", "spec.destination", "spec.sources[0]")]
    public void IdentityBindings_ToOlderVersions_AreReportedLost(string version, string destinationPath, string sourcePath)
    {
        var target = LoadAll(TtV1Alpha4).OfType<V4.TrafficTarget>().Single();
        var (result, diagnostics) = Convert(target, version);
        Assert.Equal([destinationPath, sourcePath], LossyPaths(diagnostics));
        var json = KubernetesJson.Serialize(result);
        Assert.DoesNotContain("IdentityBinding", json, StringComparison.Ordinal);
        Assert.DoesNotContain("destination", json, StringComparison.Ordinal);
        Assert.Contains("grafana", json, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownRuleKind_IsReported_AtTheVersionsPath()
    {
        var v1 = SnapshotWithDiagnostics(TtV1Alpha1.Replace("specs:\n- kind: HTTPRouteGroup", "specs:\n- kind: GRPCRoute", StringComparison.Ordinal));
        Assert.Contains(v1.Diagnostics, d => d is { Reason: "InvalidRuleKind", FieldPath: "specs[0].kind" });
        Assert.Empty(v1.AccessGrants);

        var v2 = SnapshotWithDiagnostics(TtV1Alpha2.Replace("  - kind: HTTPRouteGroup", "  - kind: GRPCRoute", StringComparison.Ordinal));
        Assert.Contains(v2.Diagnostics, d => d is { Reason: "InvalidRuleKind", FieldPath: "spec.rules[0].kind" });
    }

    [Fact]
    public void IdentityBindingSubject_BeforeV1Alpha4_IsAnError()
    {
        var yaml = TtV1Alpha3.Replace("  - kind: ServiceAccount\n    name: client", "  - kind: IdentityBinding\n    name: client", StringComparison.Ordinal);
        var snapshot = SnapshotWithDiagnostics(yaml);
        var diagnostic = Assert.Single(snapshot.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("InvalidSubjectKind", "spec.sources[0].kind"), (diagnostic.Reason, diagnostic.FieldPath));
        Assert.Empty(snapshot.AccessGrants);
    }

    [Fact]
    public void Validation_V1Alpha1_UsesTopLevelPaths()
    {
        var yaml = TtV1Alpha1.Replace("  name: the-routes\n  matches:\n  - metrics", "  name: other-routes", StringComparison.Ordinal)
            .Replace("sources:\n- kind: ServiceAccount\n  name: prometheus\n  namespace: default", string.Empty, StringComparison.Ordinal);
        var errors = SnapshotWithDiagnostics(yaml).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => (d.Reason, d.FieldPath)).ToArray();
        Assert.Contains(("RouteNotFound", "specs[0].name"), errors);
        Assert.Contains(("NoSources", "sources"), errors);
    }
}

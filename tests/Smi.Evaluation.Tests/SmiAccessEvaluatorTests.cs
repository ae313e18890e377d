using static Smi.Evaluation.Tests.AccessRequests;

namespace Smi.Evaluation.Tests;

/// <summary>
/// The examples of the SMI traffic-access specification (v1alpha3 L7 and L4 targets, v1alpha1 destination port,
/// v1alpha4 IdentityBinding) judged by the reference evaluator.
/// </summary>
public class SmiAccessEvaluatorTests
{
    private const string Cluster = """
        apiVersion: v1
        kind: Service
        metadata: {name: service-a, namespace: default}
        spec:
          selector: {app: service-a}
          ports: [{name: http, port: 80, targetPort: http}, {name: admin, port: 9090, targetPort: 9091}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: service-a-v1, namespace: default}
        spec:
          selector: {matchLabels: {app: service-a, track: stable}}
          template:
            metadata: {labels: {app: service-a, track: stable}}
            spec:
              serviceAccountName: service-a
              containers: [{name: a, image: a, ports: [{name: http, containerPort: 8080}]}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: service-a-v2, namespace: default}
        spec:
          selector: {matchLabels: {app: service-a, track: canary}}
          template:
            metadata: {labels: {app: service-a, track: canary}}
            spec:
              serviceAccountName: service-a
              containers: [{name: a, image: a, ports: [{name: http, containerPort: 8081}]}]

        """;

    private static readonly AccessPod Stable = Pod("default", "service-a", "app=service-a,track=stable", "http=8080");

    private static readonly AccessPod Canary = Pod("default", "service-a", "app=service-a,track=canary", "http=8081");

    private static readonly AccessPod Prometheus = Pod("default", "prometheus", "app=prometheus");

    [Fact]
    public void V1Alpha3L7_OnlyTheNamedMatch_FromTheListedSource()
    {
        var snapshot = MeshTranslation.Load(Cluster + """
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: the-routes, namespace: default}
            spec:
              matches:
              - {name: metrics, pathRegex: /metrics, methods: [GET]}
              - {name: everything, pathRegex: ".*", methods: ["*"]}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: path-specific, namespace: default}
            spec:
              destination: {kind: ServiceAccount, name: service-a, namespace: default}
              rules:
              - {kind: HTTPRouteGroup, name: the-routes, matches: [metrics]}
              sources:
              - {kind: ServiceAccount, name: prometheus, namespace: default}
            """);

        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Http(Prometheus, Stable, 8080, "GET", "/metrics")).Allowed);
        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Http(Prometheus, Canary, 1, "GET", "/metrics/x")).Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Http(Prometheus, Stable, 8080, "POST", "/metrics"))
            .Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Http(Prometheus, Stable, 8080, "GET", "/x/metrics"))
            .Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Stable, 8080)).Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Http(Pod("default", "x"), Stable, 8080, "GET", "/metrics"))
            .Allowed);
    }

    [Fact]
    public void V1Alpha4L4_TcpAndUdpPortsApartAndAndedWithRoutes_NamedTargetPortsPerPod()
    {
        var snapshot = MeshTranslation.Load(Cluster + """
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: tcp-ports, namespace: default}
            spec: {matches: {ports: [80, 9090]}}
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: UDPRoute
            metadata: {name: udp-ports, namespace: default}
            spec: {matches: {ports: [8301]}}
            ---
            apiVersion: access.smi-spec.io/v1alpha4
            kind: TrafficTarget
            metadata: {name: l4, namespace: default}
            spec:
              destination: {kind: ServiceAccount, name: service-a, namespace: default}
              rules:
              - {kind: TCPRoute, name: tcp-ports}
              - {kind: UDPRoute, name: udp-ports}
              sources:
              - {kind: ServiceAccount, name: prometheus, namespace: default}
            """);

        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Stable, 8080)).Allowed);
        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Http(Prometheus, Canary, 8081, "GET", "/")).Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Stable, 8081)).Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Canary, 8080)).Allowed);
        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Stable, 9091)).Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Stable, 9090)).Allowed);
        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Udp(Prometheus, Stable, 8301)).Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Udp(Prometheus, Stable, 8080)).Allowed);
    }

    [Fact]
    public void V1Alpha1DestinationPort_LimitsTheTarget()
    {
        var snapshot = MeshTranslation.Load(Cluster + """
            ---
            apiVersion: specs.smi-spec.io/v1alpha1
            kind: TCPRoute
            metadata: {name: any-port, namespace: default}
            ---
            apiVersion: access.smi-spec.io/v1alpha1
            kind: TrafficTarget
            metadata: {name: port-only, namespace: default}
            destination: {kind: ServiceAccount, name: service-a, namespace: default, port: 80}
            specs:
            - {kind: TCPRoute, name: any-port}
            sources:
            - {kind: ServiceAccount, name: prometheus, namespace: default}
            """);

        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Stable, 8080)).Allowed);
        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Canary, 8081)).Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Stable, 9091)).Allowed);
    }

    [Fact]
    public void V1Alpha4IdentityBinding_StandsForItsPodSubsetOnly_OnEveryPort()
    {
        var snapshot = MeshTranslation.Load(Cluster + """
            ---
            apiVersion: access.smi-spec.io/v1alpha4
            kind: IdentityBinding
            metadata: {name: canary, namespace: default}
            spec:
              schemes:
                podLabelSelector: {matchLabels: {track: canary}}
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: all, namespace: default}
            spec: {matches: {ports: []}}
            ---
            apiVersion: access.smi-spec.io/v1alpha4
            kind: TrafficTarget
            metadata: {name: canary-only, namespace: default}
            spec:
              destination: {kind: IdentityBinding, name: canary, namespace: default}
              rules:
              - {kind: TCPRoute, name: all}
              sources:
              - {kind: ServiceAccount, name: prometheus, namespace: default}
            """);

        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Canary, 8081)).Allowed);
        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Canary, 9091)).Allowed);
        Assert.True(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Canary, 12345)).Allowed);
        Assert.False(SmiAccessEvaluator.Evaluate(snapshot, Tcp(Prometheus, Stable, 8080)).Allowed);
    }
}

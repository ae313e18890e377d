using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Tests.Validation;

public class ValidationRuleTests
{
    private const string Services = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v1, namespace: shop}
        spec: {selector: {app: web, v: "1"}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v2, namespace: shop}
        spec: {selector: {app: web, v: "2"}, ports: [{port: 80}]}
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {name: routes, namespace: shop}
        spec:
          matches:
          - name: all
            pathRegex: /.*
        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {name: tcp, namespace: shop}
        spec: {matches: {ports: [80]}}
        ---

        """;

    private static string Split(string backends, string extra = "") => $$"""
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: s, namespace: shop}
        spec:
          service: web
        {{extra}}
          backends: {{backends}}
        """;

    private static string Target(string spec, string ns = "shop") => $$"""
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: t, namespace: {{ns}}}
        spec:
        {{spec}}
        """;

    public static TheoryData<string, string, DiagnosticSeverity, string?> Cases => new()
    {
        { Split("[{service: web-v1, weight: -1}, {service: web-v2, weight: 5}]"), "InvalidWeight", DiagnosticSeverity.Error, "spec.backends[0].weight" },
        { Split("[{service: web-v1, weight: 0.5}, {service: web-v2, weight: 5}]"), "InvalidWeight", DiagnosticSeverity.Error, "spec.backends[0].weight" },
        {
            Split("[{service: web-v1, weight: 10000000000000000000}, {service: web-v2, weight: 1}]"),
            "InvalidWeight", DiagnosticSeverity.Error, "spec.backends[0].weight"
        },
        {
            Split("[{service: web-v1, weight: 2147483648}, {service: web-v2, weight: 1}]"),
            "InvalidWeight", DiagnosticSeverity.Error, "spec.backends[0].weight"
        },
        { Split("[{service: web-v1, weight: 0}, {service: web-v2, weight: 0}]"), "AllWeightsZero", DiagnosticSeverity.Error, "spec.backends" },
        { Split("[]"), "NoBackends", DiagnosticSeverity.Error, "spec.backends" },
        { Split("[{service: web-v1, weight: 1}, {service: web-v1, weight: 2}]"), "DuplicateBackend", DiagnosticSeverity.Error, "spec.backends[1].service" },
        { Split("[{service: web, weight: 1}, {service: web-v1, weight: 2}]"), "BackendIsRoot", DiagnosticSeverity.Warning, "spec.backends[0].service" },
        { Split("[{service: web-v9, weight: 1}]"), "ServiceNotFound", DiagnosticSeverity.Warning, "spec.backends[0].service" },
        { Split("[{service: web-v1, weight: 1}]", "  matches: [{kind: HTTPRouteGroup, name: nope}]"), "RouteGroupNotFound", DiagnosticSeverity.Error, "spec.matches[0].name" },
        { Split("[{service: web-v1, weight: 1}]", "  matches: [{kind: TCPRoute, name: tcp}]"), "InvalidMatchKind", DiagnosticSeverity.Error, "spec.matches[0].kind" },
        {
            Target("""
                  destination: {kind: ServiceAccount, name: api, namespace: other}
                  rules: [{kind: TCPRoute, name: tcp}]
                  sources: [{kind: ServiceAccount, name: web, namespace: shop}]
                """),
            "DestinationNamespaceMismatch", DiagnosticSeverity.Error, "spec.destination.namespace"
        },
        {
            Target("""
                  destination: {kind: ServiceAccount, name: api}
                  rules: [{kind: TCPRoute, name: tcp}]
                """),
            "NoSources", DiagnosticSeverity.Error, "spec.sources"
        },
        {
            Target("""
                  destination: {kind: ServiceAccount, name: api}
                  sources: [{kind: ServiceAccount, name: web}]
                """),
            "NoRules", DiagnosticSeverity.Error, "spec.rules"
        },
        {
            Target("""
                  destination: {kind: ServiceAccount, name: api}
                  rules: [{kind: HTTPRouteGroup, name: missing}]
                  sources: [{kind: ServiceAccount, name: web}]
                """),
            "RouteNotFound", DiagnosticSeverity.Error, "spec.rules[0].name"
        },
        {
            Target("""
                  destination: {kind: ServiceAccount, name: api}
                  rules: [{kind: HTTPRouteGroup, name: routes, matches: [nope]}]
                  sources: [{kind: ServiceAccount, name: web}]
                """),
            "RouteMatchNotFound", DiagnosticSeverity.Error, "spec.rules[0].matches[0]"
        },
        {
            Target("""
                  destination: {kind: ServiceAccount, name: api}
                  rules: [{kind: GRPCRoute, name: routes}]
                  sources: [{kind: ServiceAccount, name: web}]
                """),
            "InvalidRuleKind", DiagnosticSeverity.Error, "spec.rules[0].kind"
        },
        {
            """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: g, namespace: shop}
            spec:
              matches:
              - name: backref
                pathRegex: "/(a)\\1"
            """,
            "UnsupportedRegex", DiagnosticSeverity.Error, "spec.matches[0].pathRegex"
        },
        {
            """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: g, namespace: shop}
            spec:
              matches:
              - name: lookahead
                headers: {user-agent: "(?!curl).*"}
            """,
            "UnsupportedRegex", DiagnosticSeverity.Error, "spec.matches[0].headers.user-agent"
        },
        {
            """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: g, namespace: shop}
            spec:
              matches:
              - name: m
                methods: [FETCH]
            """,
            "InvalidMethod", DiagnosticSeverity.Error, "spec.matches[0].methods[0]"
        },
        {
            """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: p, namespace: shop}
            spec: {matches: {ports: [70000]}}
            """,
            "InvalidPort", DiagnosticSeverity.Error, "spec.matches.ports[0]"
        },
        { Split("[{service: web-v1, weight: 1}]").Replace("v1alpha4", "v2", StringComparison.Ordinal), "UnknownApiVersion", DiagnosticSeverity.Error, "apiVersion" },
        { "apiVersion: v1\nkind: Service\nmetadata: {name: x\n", "MalformedYaml", DiagnosticSeverity.Error, null },
        {
            Target("""
                  destination: {kind: ServiceAccount, name: api, port: 9091}
                  rules: [{kind: TCPRoute, name: tcp}]
                  sources: [{kind: ServiceAccount, name: web}]
                """),
            "UnknownField", DiagnosticSeverity.Warning, "spec.destination.port"
        },
        { Split("[{service: web-v1, weight: heavy}]"), "InvalidField", DiagnosticSeverity.Error, "spec.backends[0].weight" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_Reports_ExpectedDiagnostic(string yaml, string reason, DiagnosticSeverity severity, string? fieldPath)
    {
        var snapshot = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(Services + yaml, "in.yaml"));
        var found = snapshot.Diagnostics.Where(d => d.Reason == reason).ToList();
        Assert.True(found.Count == 1, $"expected one {reason}, got: {string.Join(" | ", snapshot.Diagnostics)}");
        Assert.Equal(severity, found[0].Severity);
        Assert.Equal(fieldPath, found[0].FieldPath);
        Assert.NotNull(found[0].Location);
        Assert.False(string.IsNullOrWhiteSpace(found[0].Message));
    }

    [Fact]
    public void Errors_KeepTheObjectOutOfTheSnapshot_WarningsDoNot()
    {
        var bad = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(Services + Split("[{service: web-v1, weight: -1}]"), "in.yaml"));
        Assert.Empty(bad.Splits);
        var warned = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(Services + Split("[{service: web, weight: 1}, {service: web-v1, weight: 1}]"), "in.yaml"));
        Assert.Single(warned.Splits);
    }

    [Fact]
    public void ValidInput_HasNoDiagnostics()
    {
        var snapshot = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(Services + Split("[{service: web-v1, weight: 1}, {service: web-v2, weight: 3}]", "  matches: [{kind: HTTPRouteGroup, name: routes}]"), "in.yaml"));
        Assert.Empty(snapshot.Diagnostics);
        Assert.Single(snapshot.Splits);
    }
}

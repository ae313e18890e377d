using System.Text.Json.Nodes;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.Linkerd.Tests;

public class LinkerdTranslatorTests
{
    private const string Services = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v1, namespace: shop}
        spec:
          selector: {app: web, version: v1}
          ports: [{port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v2, namespace: shop}
        spec:
          selector: {app: web, version: v2}
          ports: [{port: 80}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop}
        spec:
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              serviceAccountName: api
              containers: [{name: api, image: api, ports: [{containerPort: 8080}, {containerPort: 9090}]}]
        """;

    [Fact]
    public void Split_ScalesWeightsAboveTheHttpRouteLimit()
    {
        var result = Translate(Split("4000000", "2000000"));
        var weights = Objects(result, "HTTPRoute").Single()["spec"]!["rules"]![0]!["backendRefs"]!.AsArray().Select(b => (long)b!["weight"]!).ToList();
        Assert.Equal([1_000_000L, 500_000L], weights);
        var scaled = Assert.Single(result.Diagnostics, d => d.Reason == "WeightsScaled");
        Assert.Equal(DiagnosticSeverity.Info, scaled.Severity);
    }

    [Fact]
    public void Split_WarnsWhenScalingChangesTheShares()
    {
        var result = Translate(Split("3000001", "1000000"));
        var weights = Objects(result, "HTTPRoute").Single()["spec"]!["rules"]![0]!["backendRefs"]!.AsArray()
            .Select(b => (long)b!["weight"]!).ToList();
        Assert.Equal([1_000_000L, 333_333L], weights);
        var scaled = Assert.Single(result.Diagnostics, d => d.Reason == "WeightsScaled");
        Assert.Equal(DiagnosticSeverity.Warning, scaled.Severity);
    }

    [Fact]
    public void Split_PassesSmallWeightsThrough()
    {
        var result = Translate(Split("3", "1"));
        var weights = Objects(result, "HTTPRoute").Single()["spec"]!["rules"]![0]!["backendRefs"]!.AsArray().Select(b => (long)b!["weight"]!).ToList();
        Assert.Equal([3L, 1L], weights);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void ServiceProfile_WritesMilliQuantitiesByLargestRemainder()
    {
        var result = Translate(Split("1", "2"), new LinkerdOptions { ServiceProfile = true });
        var profile = Objects(result, "ServiceProfile").Single();
        Assert.Equal("web.shop.svc.cluster.local", (string)profile["metadata"]!["name"]!);
        var overrides = profile["spec"]!["dstOverrides"]!.AsArray();
        Assert.Equal(["333m", "667m"], overrides.Select(o => (string)o!["weight"]!));
        Assert.Equal("web-v2.shop.svc.cluster.local", (string)overrides[1]!["authority"]!);
        Assert.Empty(Objects(result, "HTTPRoute"));
    }

    [Fact]
    public void PolicyRouteApi_CutsMatchesIntoRulesOfEight()
    {
        var methods = "[GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH]";
        var text = Services + $$"""

            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: all-verbs, namespace: shop}
            spec:
              matches: [{name: verbs, pathRegex: /x, methods: {{methods}}}]
            ---
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: web-ab, namespace: shop}
            spec:
              service: web
              matches: [{kind: HTTPRouteGroup, name: all-verbs}]
              backends: [{service: web-v2, weight: 1}]
            """;
        var result = Translate(text, new LinkerdOptions { RouteApi = LinkerdRouteApi.PolicyV1Beta3 });
        var route = Objects(result, "HTTPRoute").Single();
        Assert.Equal("policy.linkerd.io/v1beta3", (string)route["apiVersion"]!);
        var rules = route["spec"]!["rules"]!.AsArray();
        Assert.Equal([8, 1, 1], rules.Select(r => r!["matches"]?.AsArray().Count ?? 0));
        Assert.Equal(".*", (string)rules[2]!["matches"]![0]!["path"]!["value"]!);
        Assert.Equal("web", (string)rules[2]!["backendRefs"]![0]!["name"]!);
    }

    [Fact]
    public void Access_MergesTargetsOnOneDestinationPortIntoOneServer()
    {
        var text = Services + """

            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: p8080, namespace: shop}
            spec: {matches: {ports: [8080]}}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: a, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api, namespace: shop}
              rules: [{kind: TCPRoute, name: p8080}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: b, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api, namespace: shop}
              rules: [{kind: TCPRoute, name: p8080}]
              sources: [{kind: ServiceAccount, name: batch, namespace: jobs}]
            """;
        var result = Translate(text);
        var server = Objects(result, "Server").Single();
        Assert.Equal(8080, (int)server["spec"]!["port"]!);
        Assert.Equal("api", (string)server["spec"]!["podSelector"]!["matchLabels"]!["app"]!);
        var identities = Objects(result, "MeshTLSAuthentication").Single()["spec"]!["identityRefs"]!.AsArray();
        Assert.Equal(["jobs/batch", "shop/web"], identities.Select(i => $"{i!["namespace"]}/{i["name"]}"));
        Assert.Equal("Server", (string)Objects(result, "AuthorizationPolicy").Single()["spec"]!["targetRef"]!["kind"]!);
        Assert.Empty(Objects(result, "HTTPRoute"));
    }

    [Fact]
    public void Access_HttpRulesWithoutPortRulesCoverEveryDeclaredPort()
    {
        var text = Services + """

            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: g, namespace: shop}
            spec:
              matches: [{name: m, pathRegex: /a}]
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: a, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api, namespace: shop}
              rules: [{kind: HTTPRouteGroup, name: g}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            """;
        var result = Translate(text);
        Assert.Equal([8080, 9090], Objects(result, "Server").Select(s => (int)s["spec"]!["port"]!));
        Assert.All(Objects(result, "HTTPRoute"), r => Assert.Equal("policy.linkerd.io", (string)r["spec"]!["parentRefs"]![0]!["group"]!));
        Assert.All(Objects(result, "AuthorizationPolicy"), p => Assert.Equal("HTTPRoute", (string)p["spec"]!["targetRef"]!["kind"]!));
    }

    [Fact]
    public void DefaultDeny_NamesTheNamespaceAnnotation()
    {
        var text = Services + """

            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: p8080, namespace: shop}
            spec: {matches: {ports: [8080]}}
            ---
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: a, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api, namespace: shop}
              rules: [{kind: TCPRoute, name: p8080}]
              sources: [{kind: ServiceAccount, name: web, namespace: shop}]
            """;
        var snapshot = Load(text);
        var withDeny = new LinkerdTranslator(new TranslationOptions { DefaultDeny = true }, new LinkerdOptions()).Translate(snapshot);
        var diagnostic = Assert.Single(withDeny.Diagnostics, d => d.Reason == "DefaultDenyNeedsAnnotation");
        Assert.Contains("config.linkerd.io/default-inbound-policy: deny", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal("linkerd", diagnostic.Mesh);
        Assert.DoesNotContain(withDeny.Resources, r => r.Ref.Kind == "Namespace");
        Assert.DoesNotContain(Translate(text).Diagnostics, d => d.Reason == "DefaultDenyNeedsAnnotation");
    }

    [Fact]
    public void DefaultDeny_GrantOfEveryPort_IsWarnedThatUndeclaredPortsStayClosed()
    {
        var text = Services + TcpRoute("every-port", "{}") + TcpRoute("p8080", "{matches: {ports: [8080]}}")
            + ApiTarget("every", "every-port") + ApiTarget("only-8080", "p8080");
        var snapshot = Load(text);

        var withDeny = new LinkerdTranslator(new TranslationOptions { DefaultDeny = true }, new LinkerdOptions())
            .Translate(snapshot);

        var warning = Assert.Single(withDeny.Diagnostics, d => d.Reason == "UndeclaredPortsClosed");
        Assert.Equal("every", warning.Object?.Name);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.DoesNotContain(Translate(text).Diagnostics, d => d.Reason == "UndeclaredPortsClosed");
    }

    private static string TcpRoute(string name, string spec) => $$"""

        ---
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: TCPRoute
        metadata: {name: {{name}}, namespace: shop}
        spec: {{spec}}
        """;

    /// <summary>A TrafficTarget from shop/web to the api ServiceAccount with one TCPRoute rule.</summary>
    private static string ApiTarget(string name, string tcpRoute) => $$"""

        ---
        apiVersion: access.smi-spec.io/v1alpha3
        kind: TrafficTarget
        metadata: {name: {{name}}, namespace: shop}
        spec:
          destination: {kind: ServiceAccount, name: api, namespace: shop}
          rules: [{kind: TCPRoute, name: {{tcpRoute}}}]
          sources: [{kind: ServiceAccount, name: web, namespace: shop}]
        """;

    private static string Split(string w1, string w2) => Services + $$"""

        ---
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: web-split, namespace: shop}
        spec:
          service: web
          backends: [{service: web-v1, weight: {{w1}}}, {service: web-v2, weight: {{w2}}}]
        """;

    private static MeshSnapshot Load(string text) => SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(text, "test.yaml"));

    private static TranslationResult Translate(string text, LinkerdOptions? options = null) =>
        new LinkerdTranslator(new TranslationOptions(), options ?? new LinkerdOptions()).Translate(Load(text));

    private static List<JsonObject> Objects(TranslationResult result, string kind) =>
        [.. result.Resources.Where(r => r.Ref.Kind == kind).Select(r => r.ToJson())];
}

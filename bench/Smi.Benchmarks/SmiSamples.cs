namespace Smi.Benchmarks;

/// <summary>One representative object per SMI kind and version, as users write them.</summary>
public static class SmiSamples
{
    /// <summary>Samples by <c>apiVersion kind</c>.</summary>
    public static IReadOnlyDictionary<string, string> ByVersion { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["split.smi-spec.io/v1alpha1 TrafficSplit"] = Split("v1alpha1", "weight: 900m", "weight: 100m", matches: false),
        ["split.smi-spec.io/v1alpha2 TrafficSplit"] = Split("v1alpha2", "weight: 90", "weight: 10", matches: false),
        ["split.smi-spec.io/v1alpha3 TrafficSplit"] = Split("v1alpha3", "weight: 90", "weight: 10", matches: true),
        ["split.smi-spec.io/v1alpha4 TrafficSplit"] = Split("v1alpha4", "weight: 90", "weight: 10", matches: true),
        ["specs.smi-spec.io/v1alpha1 HTTPRouteGroup"] = RouteGroup("v1alpha1", wrapped: false),
        ["specs.smi-spec.io/v1alpha2 HTTPRouteGroup"] = RouteGroup("v1alpha2", wrapped: false),
        ["specs.smi-spec.io/v1alpha3 HTTPRouteGroup"] = RouteGroup("v1alpha3", wrapped: true),
        ["specs.smi-spec.io/v1alpha4 HTTPRouteGroup"] = RouteGroup("v1alpha4", wrapped: true),
        ["specs.smi-spec.io/v1alpha1 TCPRoute"] = "apiVersion: specs.smi-spec.io/v1alpha1\nkind: TCPRoute\nmetadata: {name: db, namespace: shop}\n",
        ["specs.smi-spec.io/v1alpha2 TCPRoute"] = "apiVersion: specs.smi-spec.io/v1alpha2\nkind: TCPRoute\nmetadata: {name: db, namespace: shop}\n",
        ["specs.smi-spec.io/v1alpha3 TCPRoute"] = "apiVersion: specs.smi-spec.io/v1alpha3\nkind: TCPRoute\nmetadata: {name: db, namespace: shop}\nspec: {}\n",
        ["specs.smi-spec.io/v1alpha4 TCPRoute"] = "apiVersion: specs.smi-spec.io/v1alpha4\nkind: TCPRoute\nmetadata: {name: db, namespace: shop}\nspec:\n  matches:\n    ports: [5432, 5433]\n",
        ["specs.smi-spec.io/v1alpha4 UDPRoute"] = "apiVersion: specs.smi-spec.io/v1alpha4\nkind: UDPRoute\nmetadata: {name: dns, namespace: shop}\nspec:\n  matches:\n    ports: [53]\n",
        ["access.smi-spec.io/v1alpha1 TrafficTarget"] = """
            apiVersion: access.smi-spec.io/v1alpha1
            kind: TrafficTarget
            metadata: {name: api, namespace: shop}
            destination: {kind: ServiceAccount, name: api, namespace: shop, port: 8080}
            specs:
            - kind: HTTPRouteGroup
              name: routes
              matches: [metrics]
            sources:
            - {kind: ServiceAccount, name: prometheus, namespace: monitoring}
            """,
        ["access.smi-spec.io/v1alpha2 TrafficTarget"] = Target("v1alpha2", "{kind: ServiceAccount, name: api, namespace: shop, port: 8080}"),
        ["access.smi-spec.io/v1alpha3 TrafficTarget"] = Target("v1alpha3", "{kind: ServiceAccount, name: api, namespace: shop}"),
        ["access.smi-spec.io/v1alpha4 TrafficTarget"] = Target("v1alpha4", "{kind: ServiceAccount, name: api, namespace: shop}"),
        ["access.smi-spec.io/v1alpha4 IdentityBinding"] = """
            apiVersion: access.smi-spec.io/v1alpha4
            kind: IdentityBinding
            metadata: {name: api-identity, namespace: shop}
            spec:
              schemes:
                podLabelSelector:
                  matchLabels: {app: api}
                spiffeIdentities: ["spiffe://cluster.local/ns/shop/sa/api"]
            """,
    };

    private static string Split(string version, string weight1, string weight2, bool matches) => $"""
        apiVersion: split.smi-spec.io/{version}
        kind: TrafficSplit
        metadata: {"{"}name: web, namespace: shop{"}"}
        spec:
          service: web
        {(matches ? "  matches:\n  - kind: HTTPRouteGroup\n    name: routes\n" : string.Empty)}  backends:
          - service: web-v1
            {weight1}
          - service: web-v2
            {weight2}
        """;

    private static string RouteGroup(string version, bool wrapped)
    {
        var matches = """
            matches:
            - name: api
              pathRegex: /api/.*
              methods: [GET, POST]
            - name: android
              headers:
              - user-agent: .*Android.*
            - name: metrics
              pathRegex: /metrics
              methods: [GET]
            """;
        var body = wrapped ? "spec:\n" + string.Join('\n', matches.Split('\n').Select(l => "  " + l)) : matches;
        return $"apiVersion: specs.smi-spec.io/{version}\nkind: HTTPRouteGroup\nmetadata: {{name: routes, namespace: shop}}\n{body}\n";
    }

    private static string Target(string version, string destination) => $"""
        apiVersion: access.smi-spec.io/{version}
        kind: TrafficTarget
        metadata: {"{"}name: api, namespace: shop{"}"}
        spec:
          destination: {destination}
          rules:
          - kind: HTTPRouteGroup
            name: routes
            matches: [api]
          - kind: TCPRoute
            name: db
          sources:
          - {"{"}kind: ServiceAccount, name: web, namespace: shop{"}"}
        """;
}

using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;

namespace Smi.Abstractions.Tests.Crds;

/// <summary>Hand-written valid objects, one or more per registered SMI kind and version, that the official CRDs accept too.</summary>
internal static class SmiSamples
{
    /// <summary>Samples by <c>apiVersion kind</c>.</summary>
    public static IReadOnlyDictionary<string, string> ByVersion { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["split.smi-spec.io/v1alpha1 TrafficSplit"] = """
            apiVersion: split.smi-spec.io/v1alpha1
            kind: TrafficSplit
            metadata: {name: web, namespace: shop}
            spec:
              service: web
              backends:
              - service: web-v1
                weight: 1
              - service: web-v2
                weight: 500m
            """,
        ["split.smi-spec.io/v1alpha2 TrafficSplit"] = """
            apiVersion: split.smi-spec.io/v1alpha2
            kind: TrafficSplit
            metadata: {name: web, namespace: shop}
            spec:
              service: web
              backends:
              - service: web-v1
                weight: 1000
              - service: web-v2
                weight: 500
            """,
        ["split.smi-spec.io/v1alpha3 TrafficSplit"] = """
            apiVersion: split.smi-spec.io/v1alpha3
            kind: TrafficSplit
            metadata: {name: web, namespace: shop}
            spec:
              service: web
              matches:
              - kind: HTTPRouteGroup
                name: ab-test
              backends:
              - service: web-v2
                weight: 100
            """,
        ["specs.smi-spec.io/v1alpha1 HTTPRouteGroup"] = """
            apiVersion: specs.smi-spec.io/v1alpha1
            kind: HTTPRouteGroup
            metadata: {name: routes, namespace: shop}
            matches:
            - name: metrics
              pathRegex: /metrics
              methods: [GET]
            """,
        ["specs.smi-spec.io/v1alpha2 HTTPRouteGroup"] = """
            apiVersion: specs.smi-spec.io/v1alpha2
            kind: HTTPRouteGroup
            metadata: {name: routes, namespace: shop}
            matches:
            - name: android
              headers:
              - user-agent: .*Android.*
            """,
        ["specs.smi-spec.io/v1alpha3 HTTPRouteGroup"] = """
            apiVersion: specs.smi-spec.io/v1alpha3
            kind: HTTPRouteGroup
            metadata: {name: routes, namespace: shop}
            spec:
              matches:
              - name: api
                pathRegex: /api/.*
                methods: ["*"]
            """,
        ["specs.smi-spec.io/v1alpha1 TCPRoute"] = """
            apiVersion: specs.smi-spec.io/v1alpha1
            kind: TCPRoute
            metadata: {name: tcp, namespace: shop}
            """,
        ["specs.smi-spec.io/v1alpha2 TCPRoute"] = """
            apiVersion: specs.smi-spec.io/v1alpha2
            kind: TCPRoute
            metadata: {name: tcp, namespace: shop}
            """,
        ["specs.smi-spec.io/v1alpha3 TCPRoute"] = """
            apiVersion: specs.smi-spec.io/v1alpha3
            kind: TCPRoute
            metadata: {name: tcp, namespace: shop}
            spec: {}
            """,
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
        ["access.smi-spec.io/v1alpha2 TrafficTarget"] = """
            apiVersion: access.smi-spec.io/v1alpha2
            kind: TrafficTarget
            metadata: {name: api, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api, namespace: shop, port: 8080}
              rules:
              - kind: TCPRoute
                name: tcp
              sources:
              - {kind: ServiceAccount, name: web, namespace: shop}
            """,
        ["access.smi-spec.io/v1alpha4 TrafficTarget"] = """
            apiVersion: access.smi-spec.io/v1alpha4
            kind: TrafficTarget
            metadata: {name: api, namespace: shop}
            spec:
              destination: {kind: IdentityBinding, name: api-identity, namespace: shop}
              rules:
              - kind: HTTPRouteGroup
                name: routes
              sources:
              - {kind: ServiceAccount, name: web, namespace: shop}
            """,
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
        ["split.smi-spec.io/v1alpha4 TrafficSplit"] = """
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: web, namespace: shop}
            spec:
              service: web
              matches:
              - kind: HTTPRouteGroup
                name: android
              backends:
              - service: web-v1
                weight: 90
              - service: web-v2
                weight: 10.5
            """,
        ["specs.smi-spec.io/v1alpha4 HTTPRouteGroup"] = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: routes, namespace: shop}
            spec:
              matches:
              - name: list-form
                pathRegex: /api/.*
                methods: [GET, POST]
                headers:
                - user-agent: .*Android.*
                - x-debug: "1"
              - name: catch-all
                methods: ["*"]
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: routes-map, namespace: shop}
            spec:
              matches:
              - name: map-form
                headers:
                  user-agent: .*Android.*
            """,
        ["specs.smi-spec.io/v1alpha4 TCPRoute"] = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: tcp, namespace: shop}
            spec:
              matches:
                ports: [8080, 8443]
            """,
        ["specs.smi-spec.io/v1alpha4 UDPRoute"] = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: UDPRoute
            metadata: {name: udp, namespace: shop}
            spec:
              matches:
                ports: []
            """,
        ["access.smi-spec.io/v1alpha3 TrafficTarget"] = """
            apiVersion: access.smi-spec.io/v1alpha3
            kind: TrafficTarget
            metadata: {name: api, namespace: shop}
            spec:
              destination: {kind: ServiceAccount, name: api, namespace: shop}
              rules:
              - kind: TCPRoute
                name: tcp
              - kind: HTTPRouteGroup
                name: routes
                matches: [list-form]
              sources:
              - kind: ServiceAccount
                name: web
            """,
    };

    /// <summary>The parsed samples of one kind and version.</summary>
    public static IReadOnlyList<JsonObject> Of(string key) => CrdYaml.ReadObjects(ByVersion[key]);
}

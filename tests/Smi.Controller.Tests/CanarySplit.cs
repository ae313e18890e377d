namespace Smi.Controller.Tests;

/// <summary>
/// The TrafficSplit <c>shop/web-canary</c> (root web, backends web-v1 and web-v2) with a given canary weight.
/// </summary>
internal static class CanarySplit
{
    public static string Yaml(int canaryWeight) => $$"""
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: web-canary, namespace: shop}
        spec:
          service: web
          backends:
          - service: web-v1
            weight: {{100 - canaryWeight}}
          - service: web-v2
            weight: {{canaryWeight}}
        """;
}

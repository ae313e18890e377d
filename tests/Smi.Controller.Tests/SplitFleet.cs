using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Smi.Abstractions.Translation;

namespace Smi.Controller.Tests;

/// <summary>
/// Many TrafficSplits in namespace shop (<c>app0</c>, <c>app1</c>, ...), each with its three Services and one
/// VirtualService to expect, so that a pass over them takes a while, and the end state can be checked object by
/// object: present, exact, none left over.
/// </summary>
internal static class SplitFleet
{
    public static string Yaml(int count, Func<int, int> canary)
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            yaml.Append(Objects(i, canary(i)));
        }

        return yaml.ToString();
    }

    public static string Split(int i, int canary) => $$"""
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata: {name: app{{i}}, namespace: shop}
        spec:
          service: app{{i}}
          backends:
          - service: app{{i}}-v1
            weight: {{100 - canary}}
          - service: app{{i}}-v2
            weight: {{canary}}

        """;

    /// <summary>The VirtualService paths of the fleet, as the server logs writes to them.</summary>
    public static string OutputPath(int i) => $"/apis/networking.istio.io/v1/namespaces/shop/virtualservices/app{i}";

    /// <summary>Whether every VirtualService is there with exactly the expected content, and no other is.</summary>
    public static bool Exact(ControllerHarness harness, int count, Func<int, int> canary, out string why)
    {
        var managed = ManagedVirtualServices(harness);
        var expectedNames = Enumerable.Range(0, count).Select(i => $"app{i}").ToHashSet(StringComparer.Ordinal);
        var orphans = managed.Where(n => !expectedNames.Contains(n)).ToList();
        if (orphans.Count > 0)
        {
            why = "orphans: " + string.Join(", ", orphans);
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (Difference(harness, i, canary(i)) is { } difference)
            {
                why = $"app{i}: {difference}";
                return false;
            }
        }

        why = string.Empty;
        return true;
    }

    /// <summary>
    /// What is wrong with one VirtualService; null when it is exactly what the controller should apply.
    /// </summary>
    public static string? Difference(ControllerHarness harness, int i, int canary)
    {
        var split = harness.Smi("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", $"app{i}");
        var service = harness.VirtualService("shop", $"app{i}");
        if (split is null || service is null)
        {
            return "missing";
        }

        var expectedSpec = JsonNode.Parse($$"""
            {"hosts": ["app{{i}}.shop.svc.cluster.local"],
             "http": [{"route": [
               {"destination": {"host": "app{{i}}-v1.shop.svc.cluster.local"}, "weight": {{100 - canary}}},
               {"destination": {"host": "app{{i}}-v2.shop.svc.cluster.local"}, "weight": {{canary}}}]}]}
            """);
        if (!JsonNode.DeepEquals(expectedSpec, service["spec"]))
        {
            return "spec " + service["spec"]?.ToJsonString();
        }

        var metadata = service["metadata"]!;
        var labels = metadata["labels"]?.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value) ?? [];
        if (labels.GetValueOrDefault(GeneratedMetadata.ManagedByLabel) != GeneratedMetadata.ManagedByValue
            || labels.GetValueOrDefault(GeneratedMetadata.MeshLabel) != "istio"
            || labels.Count != 2)
        {
            return "labels " + metadata["labels"]?.ToJsonString();
        }

        var annotations = metadata["annotations"]?.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value) ?? [];
        if (annotations.GetValueOrDefault(GeneratedMetadata.SourcesAnnotation) != $"TrafficSplit/shop/app{i}"
            || annotations.GetValueOrDefault(GeneratedMetadata.UnitAnnotation) != $"SplitRoot/shop/app{i}"
            || annotations.Count != 3)
        {
            return "annotations " + metadata["annotations"]?.ToJsonString();
        }

        var owners = metadata["ownerReferences"]?.AsArray() ?? [];
        if (owners.Count != 1 || (string?)owners[0]!["uid"] != (string?)split["metadata"]!["uid"])
        {
            return "owners " + metadata["ownerReferences"]?.ToJsonString();
        }

        // Nobody but the controller owns a field of it.
        var managers = metadata["managedFields"]?.AsArray()
            .Select(e => (string?)e!["manager"])
            .Distinct()
            .ToList() ?? [];
        return managers.SequenceEqual(["smi-adapter"]) ? null : "managers " + string.Join(", ", managers);
    }

    private static List<string> ManagedVirtualServices(ControllerHarness harness)
    {
        var list = harness.Client.CustomObjects.ListNamespacedCustomObject(
            "networking.istio.io",
            "v1",
            "shop",
            "virtualservices",
            labelSelector: GeneratedMetadata.ManagedByLabel + "=" + GeneratedMetadata.ManagedByValue);
        var json = JsonSerializer.SerializeToElement(list);
        return [.. json.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("metadata").GetProperty("name").GetString()!)];
    }

    /// <summary>The root Service, its two backends and the split of fleet member <paramref name="i"/>.</summary>
    public static string Objects(int i, int canary) => $$"""
        apiVersion: v1
        kind: Service
        metadata: {name: app{{i}}, namespace: shop}
        spec:
          selector: {app: app{{i}}}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: app{{i}}-v1, namespace: shop}
        spec:
          selector: {app: app{{i}}, version: v1}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: app{{i}}-v2, namespace: shop}
        spec:
          selector: {app: app{{i}}, version: v2}
          ports: [{name: http, port: 80}]
        ---
        {{Split(i, canary)}}---

        """;
}

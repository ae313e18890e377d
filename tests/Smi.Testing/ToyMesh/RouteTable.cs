using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Testing.ToyMesh;

/// <summary>The toy mesh's one output kind: the weighted backends of a root service.</summary>
public sealed class RouteTable : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>The API group.</summary>
    public const string Group = "toy.example.com";

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = $"{Group}/v1alpha1";

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = nameof(RouteTable);

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The backends: service name to weight.</summary>
    [JsonPropertyName("backends")]
    public IDictionary<string, string> Backends { get; set; } = new SortedDictionary<string, string>();

    /// <summary>The CustomResourceDefinition that serves the kind, for a test API server.</summary>
    /// <returns>The CRD object.</returns>
    public static System.Text.Json.Nodes.JsonObject Crd() => (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes
        .JsonNode.Parse("""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": {"name": "routetables.GROUP"},
          "spec": {
            "group": "GROUP",
            "scope": "Namespaced",
            "names": {
              "plural": "routetables", "singular": "routetable", "kind": "RouteTable", "listKind": "RouteTableList"
            },
            "versions": [{
              "name": "v1alpha1", "served": true, "storage": true,
              "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}
            }]
          }
        }
        """.Replace("GROUP", Group, StringComparison.Ordinal))!;
}

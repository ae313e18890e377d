using System.Text.Json.Nodes;

namespace Smi.Kube.Fields;

/// <summary>
/// Walks a CRD version's structural schema (<c>openAPIV3Schema</c>) for what server-side apply merges by: the
/// schema of a field or list item, and a list's <c>x-kubernetes-list-type</c> (<c>atomic</c> when unset) and
/// <c>x-kubernetes-list-map-keys</c>.
/// See https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy.
/// </summary>
internal static class StructuralSchema
{
    /// <summary>
    /// The schema of <c>metadata</c> as the API server merges it: owner references by uid, finalizers as a set.
    /// </summary>
    public static JsonObject Metadata { get; } = new()
    {
        ["properties"] = new JsonObject
        {
            ["ownerReferences"] = new JsonObject
            {
                ["x-kubernetes-list-type"] = "map",
                ["x-kubernetes-list-map-keys"] = new JsonArray("uid"),
            },
            ["finalizers"] = new JsonObject { ["x-kubernetes-list-type"] = "set" },
        },
    };

    /// <summary>The schema of a field of an object; null when unknown (then lists below it are atomic).</summary>
    public static JsonObject? Property(JsonObject? schema, string name) =>
        schema?["properties"] is JsonObject properties && properties[name] is JsonObject declared
            ? declared
            : schema?["additionalProperties"] as JsonObject;

    /// <summary>The schema of a list's items.</summary>
    public static JsonObject? Items(JsonObject? schema) => schema?["items"] as JsonObject;

    /// <summary><c>map</c>, <c>set</c> or <c>atomic</c>.</summary>
    public static string ListType(JsonObject? schema) =>
        schema?["x-kubernetes-list-type"] is JsonValue value && value.TryGetValue<string>(out var type)
            ? type
            : "atomic";

    /// <summary>The key fields of an associative list; empty when it declares none.</summary>
    public static IReadOnlyList<string> MapKeys(JsonObject? schema) =>
        schema?["x-kubernetes-list-map-keys"] is JsonArray keys
            ? [.. keys.OfType<JsonValue>()
                .Select(k => k.TryGetValue<string>(out var key) ? key : null)
                .OfType<string>()]
            : [];
}

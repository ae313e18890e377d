using System.Text.Json.Nodes;

namespace Smi.Evaluation;

/// <summary>Reads fields of generated resources, tolerating missing ones.</summary>
internal static class JsonFields
{
    public static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static decimal? Number(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    public static IEnumerable<JsonObject> Objects(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonArray a ? a.OfType<JsonObject>() : [];

    public static JsonObject? Object(JsonNode? node, string name) =>
        node is JsonObject o ? o[name] as JsonObject : null;

    public static bool IsKind(JsonObject resource, string kind, string ns) =>
        Text(resource, "kind") == kind && Text(Object(resource, "metadata"), "namespace") == ns;

    public static string? Name(JsonObject resource) => Text(Object(resource, "metadata"), "name");

    /// <summary>The Service name of a host: the first label of <c>svc.ns.svc.cluster.local</c>, or the name.</summary>
    public static string ServiceOfHost(string host)
    {
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? host : host[..dot];
    }
}

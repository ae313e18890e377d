using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Merge;

/// <summary>
/// The type of one node of an object as server-side apply sees it, read from a structural schema the way
/// kube-apiserver turns an openAPIV3Schema into a structured-merge-diff schema
/// (<c>k8s.io/kube-openapi/pkg/schemaconv</c>): <c>properties</c> are named fields of a struct,
/// <c>additionalProperties</c> and <c>x-kubernetes-preserve-unknown-fields</c> give map keys,
/// <c>x-kubernetes-map-type: atomic</c> makes an object one value, and <c>x-kubernetes-list-type</c> (<c>atomic</c>
/// when absent, <c>set</c>, or <c>map</c> keyed by <c>x-kubernetes-list-map-keys</c>) decides how a list merges.
/// A node without a schema is deduced from its value (maps of map keys, atomic lists), as structured-merge-diff's
/// <c>__untyped_deduced_</c> type. An open node (built-in kinds) takes every unknown key as a named field.
/// </summary>
internal sealed class SchemaNode
{
    private readonly IReadOnlyDictionary<string, SchemaNode>? _fields;

    private SchemaNode(JsonObject? schema, bool open, IReadOnlyDictionary<string, SchemaNode>? fields)
    {
        Schema = schema;
        Open = open;
        _fields = fields;
    }

    /// <summary>A node whose type is deduced from its value.</summary>
    public static SchemaNode Deduced { get; } = new(null, open: false, null);

    /// <summary>The schema of the node; null when deduced or open without a declaration.</summary>
    public JsonObject? Schema { get; }

    /// <summary>Whether unknown keys are named fields (built-in kinds the server has no schema for).</summary>
    public bool Open { get; }

    /// <summary>Whether an object value is one atomic value (<c>x-kubernetes-map-type: atomic</c>).</summary>
    public bool AtomicMap => Text(Schema, "x-kubernetes-map-type") == "atomic";

    /// <summary>The list type: <c>atomic</c> (the default), <c>set</c> or <c>map</c>.</summary>
    public string ListType => Text(Schema, "x-kubernetes-list-type") switch
    {
        "set" => "set",
        "map" => "map",
        _ => "atomic",
    };

    /// <summary>The keys of a <c>map</c> list.</summary>
    public IReadOnlyList<string> MapKeys =>
        Schema?["x-kubernetes-list-map-keys"] is JsonArray keys
            ? [.. keys.Select(k => k?.GetValue<string>() ?? string.Empty)]
            : [];

    /// <summary>The schema of list items.</summary>
    public SchemaNode Items => Schema?["items"] is JsonObject items ? new SchemaNode(items, Open, null) : Unknown;

    private SchemaNode Unknown => Open ? new SchemaNode(null, open: true, null) : Deduced;

    /// <summary>A node from a schema (null: deduced).</summary>
    public static SchemaNode From(JsonObject? schema, bool open = false) => new(schema, open, null);

    /// <summary>A node whose named fields are given (the root with <c>metadata</c>).</summary>
    public static SchemaNode WithFields(
        JsonObject? schema, bool open, IReadOnlyDictionary<string, SchemaNode> fields) => new(schema, open, fields);

    /// <summary>The type of an object's key and whether the key is a named field (not a map key).</summary>
    public (SchemaNode Node, bool IsField) Child(string key)
    {
        if (_fields is not null && _fields.TryGetValue(key, out var given))
        {
            return (given, true);
        }

        if (Schema?["properties"]?[key] is JsonObject declared)
        {
            return (new SchemaNode(declared, Open, null), true);
        }

        if (Schema?["additionalProperties"] is JsonObject values)
        {
            return (new SchemaNode(values, Open, null), false);
        }

        return Open ? (Unknown, true) : (Deduced, false);
    }

    /// <summary>The <c>default</c> of a named field, if any.</summary>
    public JsonNode? DefaultOf(string key) => Schema?["properties"]?[key]?["default"];

    private static string? Text(JsonObject? schema, string key) =>
        schema?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

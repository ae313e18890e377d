using System.Text.Json.Nodes;

namespace Smi.Kube.Fields;

/// <summary>
/// The part of a live output that the controller's apply decides, to compare with what it would apply: apiVersion,
/// kind, name and namespace; then, of labels, annotations, owner references and the content, the fields the apply
/// configuration sets and those the controller's field manager owns (which its next apply removes when it no longer
/// sets them). Status and what the server or other managers add (resource version, managed fields, defaults, another
/// tool's labels) are left out. Without managed fields, fields outside the apply configuration are left out, or, for an
/// output nothing wants any more, all kept. Keys are sorted, so two views print alike when they are alike.
/// See https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management.
/// </summary>
public static class OwnedFieldsView
{
    private static readonly string[] MetadataFields = ["labels", "annotations", "ownerReferences"];

    /// <summary>The view of a live object.</summary>
    /// <param name="live">The object as the API server has it.</param>
    /// <param name="desired">What the controller would apply, or null when it wants the object no more.</param>
    /// <param name="fieldManager">The controller's field manager.</param>
    /// <returns>A new object.</returns>
    public static JsonObject Of(JsonObject live, JsonObject? desired, string fieldManager)
    {
        ArgumentNullException.ThrowIfNull(live);
        var owned = ManagedFieldPaths.Owned(live, fieldManager);
        var ownedOrAbove = owned is null ? null : ManagedFieldPaths.SelfAndAncestors(owned);
        bool Kept(string path) => ownedOrAbove?.Contains(path) ?? desired is null;

        var liveMetadata = live["metadata"] as JsonObject ?? [];
        var metadata = new JsonObject { ["name"] = liveMetadata["name"]?.DeepClone() };
        if (liveMetadata["namespace"] is { } ns)
        {
            metadata["namespace"] = ns.DeepClone();
        }

        var desiredMetadata = desired?["metadata"] as JsonObject;
        foreach (var field in MetadataFields)
        {
            var path = FieldPath.Field(FieldPath.Field(string.Empty, "metadata"), field);
            if (liveMetadata[field] is { } value
                && (desiredMetadata?.ContainsKey(field) == true || Kept(path))
                && Project(value, desiredMetadata?[field], path, Kept) is { } projected
                && projected is not JsonObject { Count: 0 })
            {
                metadata[field] = projected;
            }
        }

        var view = new JsonObject
        {
            ["apiVersion"] = (desired?["apiVersion"] ?? live["apiVersion"])?.DeepClone(),
            ["kind"] = live["kind"]?.DeepClone(),
            ["metadata"] = metadata,
        };
        foreach (var (key, value) in live)
        {
            var path = FieldPath.Field(string.Empty, key);
            if (value is not null && key is not ("apiVersion" or "kind" or "metadata" or "status")
                && (desired?.ContainsKey(key) == true || Kept(path)))
            {
                view[key] = Project(value, desired?[key], path, Kept);
            }
        }

        return Sorted(view);
    }

    /// <summary>An apply configuration with its keys sorted, to print beside a view.</summary>
    /// <param name="desired">The apply configuration.</param>
    /// <returns>A new object.</returns>
    public static JsonObject Desired(JsonObject desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        return Sorted(desired);
    }

    private static JsonNode? Project(JsonNode live, JsonNode? desired, string path, Func<string, bool> kept)
    {
        if (live is not JsonObject liveObject || desired is not (JsonObject or null))
        {
            return live.DeepClone();
        }

        var wanted = desired as JsonObject;
        var result = new JsonObject();
        foreach (var (key, value) in liveObject)
        {
            var childPath = FieldPath.Field(path, key);
            if (value is not null && (wanted?.ContainsKey(key) == true || kept(childPath)))
            {
                result[key] = Project(value, wanted?[key], childPath, kept);
            }
        }

        return result;
    }

    private static JsonObject Sorted(JsonObject obj) => (JsonObject)SortedNode(obj)!;

    private static JsonNode? SortedNode(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(p => p.Value is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, SortedNode(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(SortedNode)]),
        _ => node?.DeepClone(),
    };
}

using System.Text.Json.Nodes;

namespace Smi.Kube.Fields;

/// <summary>
/// The fields a field manager owns, read from an object's <c>metadata.managedFields</c>, and the fields an apply
/// configuration sets, both as <see cref="FieldPath"/> leaves. A field the controller applies and no longer owns was
/// taken by another writer (an update by <c>kubectl edit</c> or a patch moves the fields it changes to its manager);
/// a field it owns and no longer applies is one its next apply removes.
/// See https://kubernetes.io/docs/reference/using-api/server-side-apply/#managers.
/// </summary>
internal static class ManagedFieldPaths
{
    /// <summary>
    /// The leaves <paramref name="manager"/> owns through <c>Apply</c> on the main resource; null when it has no such
    /// entry (the object was written another way, or its managed fields were cleared).
    /// </summary>
    public static HashSet<string>? Owned(JsonObject live, string manager)
    {
        if (live["metadata"]?["managedFields"] is not JsonArray entries)
        {
            return null;
        }

        HashSet<string>? owned = null;
        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (Text(entry, "manager") != manager
                || Text(entry, "operation") != "Apply"
                || !string.IsNullOrEmpty(Text(entry, "subresource"))
                || entry["fieldsV1"] is not JsonObject fields)
            {
                continue;
            }

            owned ??= new HashSet<string>(StringComparer.Ordinal);
            Collect(fields, string.Empty, owned);
        }

        return owned;
    }

    /// <summary>
    /// The leaves an apply of <paramref name="desired"/> sets: apiVersion, kind, status and the identity in metadata
    /// are not fields; associative lists give one path per item (by its keys), sets one per value, other lists one.
    /// </summary>
    public static HashSet<string> Applied(JsonObject desired, JsonObject? schema)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in desired)
        {
            if (value is null || key is "apiVersion" or "kind" or "status")
            {
                continue;
            }

            if (key == "metadata")
            {
                foreach (var (field, content) in value as JsonObject ?? [])
                {
                    if (content is not null && field is "labels" or "annotations" or "ownerReferences" or "finalizers")
                    {
                        var path = FieldPath.Field(FieldPath.Field(string.Empty, "metadata"), field);
                        Walk(content, StructuralSchema.Property(StructuralSchema.Metadata, field), path, paths);
                    }
                }

                continue;
            }

            Walk(value, StructuralSchema.Property(schema, key), FieldPath.Field(string.Empty, key), paths);
        }

        return paths;
    }

    /// <summary>Whether a path lies at, above or below one of the set's paths.</summary>
    public static bool Covered(string path, IReadOnlySet<string> paths, IReadOnlySet<string> ancestorsOfPaths) =>
        ancestorsOfPaths.Contains(path) || FieldPath.SelfAndAncestors(path).Any(paths.Contains);

    /// <summary>Every path of the set and every path above one.</summary>
    public static HashSet<string> SelfAndAncestors(IEnumerable<string> paths) =>
        paths.SelectMany(FieldPath.SelfAndAncestors).ToHashSet(StringComparer.Ordinal);

    private static void Walk(JsonNode value, JsonObject? schema, string path, HashSet<string> paths)
    {
        switch (value)
        {
            case JsonObject obj when obj.Any(p => p.Value is not null):
                foreach (var (key, child) in obj)
                {
                    if (child is not null)
                    {
                        Walk(child, StructuralSchema.Property(schema, key), FieldPath.Field(path, key), paths);
                    }
                }

                break;
            case JsonArray list when StructuralSchema.ListType(schema) == "set":
                foreach (var item in list)
                {
                    paths.Add(FieldPath.Child(path, FieldPath.Value(item)));
                }

                break;
            case JsonArray list when StructuralSchema.ListType(schema) == "map"
                && StructuralSchema.MapKeys(schema) is { Count: > 0 } keys
                && list.All(i => i is JsonObject):
                foreach (var item in list.OfType<JsonObject>())
                {
                    var itemPath = FieldPath.Child(path, FieldPath.Key(item, keys));
                    Walk(item, StructuralSchema.Items(schema), itemPath, paths);
                }

                break;
            default:
                paths.Add(path);
                break;
        }
    }

    private static void Collect(JsonObject fields, string path, HashSet<string> owned)
    {
        foreach (var (segment, child) in fields)
        {
            if (segment == ".")
            {
                continue;
            }

            var here = FieldPath.Child(path, FieldPath.Normalize(segment));
            if (child is JsonObject nested && nested.Any(p => p.Key != "."))
            {
                Collect(nested, here, owned);
            }
            else
            {
                owned.Add(here);
            }
        }
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

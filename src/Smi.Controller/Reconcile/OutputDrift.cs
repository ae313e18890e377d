using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Kube.Fields;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Where a live output no longer is what the controller applies, as <see cref="FieldPath"/> paths. Only the fields the
/// controller sets are compared: a field another manager added next to them is not drift, and an object or associative
/// list may hold entries of other managers. Two checks:
/// <list type="bullet">
/// <item>values: each applied field has the applied value (numbers by value; items of an atomic list may carry fields
/// the server defaulted);</item>
/// <item>ownership, where the object records managed fields: the controller's field manager still owns each applied
/// field (an update that changed it took it over) and owns nothing it no longer applies.</item>
/// </list>
/// </summary>
internal static class OutputDrift
{
    /// <summary>The drifted paths, sorted; empty when the live object is as applied.</summary>
    /// <param name="desired">The apply configuration (with the applied-hash annotation).</param>
    /// <param name="live">The object as the API server has it.</param>
    /// <param name="schema">
    /// The CRD version's structural schema, for list types; null treats every list as atomic.
    /// </param>
    /// <param name="fieldManager">The controller's field manager.</param>
    /// <param name="ignored">Paths not to report: those the server itself changes on every apply.</param>
    public static IReadOnlyList<string> Find(
        JsonObject desired, JsonObject live, JsonObject? schema, string fieldManager, IReadOnlySet<string>? ignored)
    {
        var drift = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in desired)
        {
            if (value is null || key is "apiVersion" or "kind" or "status")
            {
                continue;
            }

            if (key == "metadata")
            {
                var liveMetadata = live["metadata"] as JsonObject;
                foreach (var (field, content) in value as JsonObject ?? [])
                {
                    if (content is not null && field is "labels" or "annotations" or "ownerReferences" or "finalizers")
                    {
                        var path = FieldPath.Field(FieldPath.Field(string.Empty, "metadata"), field);
                        var fieldSchema = StructuralSchema.Property(StructuralSchema.Metadata, field);
                        Values(content, liveMetadata?[field], fieldSchema, path, drift);
                    }
                }

                continue;
            }

            var schemaOfKey = StructuralSchema.Property(schema, key);
            Values(value, live[key], schemaOfKey, FieldPath.Field(string.Empty, key), drift);
        }

        if (ManagedFieldPaths.Owned(live, fieldManager) is { } owned)
        {
            var applied = ManagedFieldPaths.Applied(desired, schema);
            var aboveOwned = ManagedFieldPaths.SelfAndAncestors(owned);
            var aboveApplied = ManagedFieldPaths.SelfAndAncestors(applied);
            drift.UnionWith(applied.Where(p => !ManagedFieldPaths.Covered(p, owned, aboveOwned)));
            drift.UnionWith(owned.Where(p => !ManagedFieldPaths.Covered(p, applied, aboveApplied)));
        }

        return [.. drift.Where(p => ignored is null || !ignored.Contains(p)).Order(StringComparer.Ordinal)];
    }

    private static void Values(
        JsonNode desired, JsonNode? live, JsonObject? schema, string path, HashSet<string> drift)
    {
        switch (desired)
        {
            case JsonObject obj:
                if (live is not JsonObject liveObject)
                {
                    drift.Add(path);
                    return;
                }

                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        var schemaOfKey = StructuralSchema.Property(schema, key);
                        Values(value, liveObject[key], schemaOfKey, FieldPath.Field(path, key), drift);
                    }
                }

                return;
            case JsonArray list:
                if (live is not JsonArray liveList)
                {
                    drift.Add(path);
                    return;
                }

                Items(list, liveList, schema, path, drift);
                return;
            default:
                if (!Same(desired, live))
                {
                    drift.Add(path);
                }

                return;
        }
    }

    private static void Items(JsonArray list, JsonArray live, JsonObject? schema, string path, HashSet<string> drift)
    {
        var type = StructuralSchema.ListType(schema);
        if (type == "set")
        {
            foreach (var item in list.Where(i => !live.Any(l => Same(i, l))))
            {
                drift.Add(FieldPath.Child(path, FieldPath.Value(item)));
            }

            return;
        }

        if (type == "map" && StructuralSchema.MapKeys(schema) is { Count: > 0 } keys && list.All(i => i is JsonObject))
        {
            foreach (var item in list.OfType<JsonObject>())
            {
                var itemPath = FieldPath.Child(path, FieldPath.Key(item, keys));
                var match = live.OfType<JsonObject>().FirstOrDefault(l => keys.All(k => Same(item[k], l[k])));
                if (match is null)
                {
                    drift.Add(itemPath);
                }
                else
                {
                    Values(item, match, StructuralSchema.Items(schema), itemPath, drift);
                }
            }

            return;
        }

        if (!Contains(list, live))
        {
            drift.Add(path);
        }
    }

    /// <summary>
    /// Whether the live value holds the desired one: objects may have more fields, lists match item by item.
    /// </summary>
    private static bool Contains(JsonNode? desired, JsonNode? live) => (desired, live) switch
    {
        (null, _) => true,
        (JsonObject d, JsonObject l) => d.All(p => Contains(p.Value, l[p.Key])),
        (JsonArray d, JsonArray l) => d.Count == l.Count && d.Select((item, i) => Contains(item, l[i])).All(x => x),
        (JsonValue, JsonValue) => Same(desired, live),
        _ => false,
    };

    /// <summary>
    /// Equal values: numbers by value, objects with the same fields (nulls ignored), lists item by item.
    /// </summary>
    private static bool Same(JsonNode? a, JsonNode? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (JsonObject x, JsonObject y):
                var xs = x.Where(p => p.Value is not null).ToList();
                return xs.Count == y.Count(p => p.Value is not null) && xs.All(p => Same(p.Value, y[p.Key]));
            case (JsonArray x, JsonArray y):
                return x.Count == y.Count && x.Select((item, i) => Same(item, y[i])).All(s => s);
            case (JsonValue x, JsonValue y):
                var kind = x.GetValueKind();
                if (kind != y.GetValueKind())
                {
                    return false;
                }

                return kind switch
                {
                    JsonValueKind.Number => Number(x) is { } m && Number(y) is { } n
                        ? m == n
                        : x.ToJsonString() == y.ToJsonString(),
                    JsonValueKind.String => x.GetValue<string>() == y.GetValue<string>(),
                    _ => true,
                };
            default:
                return false;
        }
    }

    private static decimal? Number(JsonValue value) =>
        decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}

using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Field paths for managed-fields tracking. A path is the segments joined by a newline; leaves are scalars, arrays
/// (atomic) and empty objects. In metadata only labels, annotations, ownerReferences and finalizers are fields.
/// </summary>
internal static class FieldPaths
{
    private const char Separator = '\n';

    public static HashSet<string> Leaves(JsonObject obj)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            switch (key)
            {
                case "apiVersion" or "kind":
                    continue;
                case "metadata" when value is JsonObject metadata:
                    foreach (var (metaKey, metaValue) in metadata)
                    {
                        if (metaKey is "labels" or "annotations" && metaValue is JsonObject map)
                        {
                            Collect(map, "metadata" + Separator + metaKey, result);
                        }
                        else if (metaKey is "ownerReferences" or "finalizers" && metaValue is not null)
                        {
                            result.Add("metadata" + Separator + metaKey);
                        }
                    }

                    continue;
                default:
                    if (value is JsonObject child && child.Count > 0)
                    {
                        Collect(child, key, result);
                    }
                    else if (value is not null)
                    {
                        result.Add(key);
                    }

                    continue;
            }
        }

        return result;
    }

    /// <summary>The leaves whose values differ between two objects (added, changed or removed).</summary>
    public static HashSet<string> Changed(JsonObject before, JsonObject after)
    {
        var beforeLeaves = Leaves(before);
        var afterLeaves = Leaves(after);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in afterLeaves)
        {
            if (!beforeLeaves.Contains(path) || !JsonNode.DeepEquals(Get(before, path), Get(after, path)))
            {
                changed.Add(path);
            }
        }

        foreach (var path in beforeLeaves.Where(p => !afterLeaves.Contains(p)))
        {
            changed.Add(path);
        }

        return changed;
    }

    public static bool StartsWith(string path, string prefix) =>
        path == prefix || (path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal) && path[prefix.Length] == Separator);

    public static bool Overlaps(string a, string b) => StartsWith(a, b) || StartsWith(b, a);

    public static JsonNode? Get(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var segment in path.Split(Separator))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node;
    }

    public static void Set(JsonObject obj, string path, JsonNode? value)
    {
        var segments = path.Split(Separator);
        var current = obj;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (current[segments[i]] is not JsonObject next)
            {
                next = [];
                current[segments[i]] = next;
            }

            current = next;
        }

        current[segments[^1]] = value?.DeepClone();
    }

    /// <summary>Removes the field and any objects left empty above it (but never metadata itself).</summary>
    public static void Remove(JsonObject obj, string path)
    {
        var segments = path.Split(Separator);
        var chain = new List<JsonObject> { obj };
        var current = obj;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (current[segments[i]] is not JsonObject next)
            {
                return;
            }

            chain.Add(next);
            current = next;
        }

        current.Remove(segments[^1]);
        for (var i = segments.Length - 2; i >= 0; i--)
        {
            if (chain[i + 1].Count > 0 || (i == 0 && segments[0] == "metadata"))
            {
                break;
            }

            chain[i].Remove(segments[i]);
        }
    }

    /// <summary>The path as the API server prints it: <c>.spec.backends</c>.</summary>
    public static string Display(string path) => "." + path.Replace(Separator, '.');

    /// <summary>The <c>fieldsV1</c> form: nested objects keyed <c>f:&lt;name&gt;</c>.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var current = root;
            foreach (var segment in path.Split(Separator))
            {
                var key = "f:" + segment;
                if (current[key] is not JsonObject next)
                {
                    next = [];
                    current[key] = next;
                }

                current = next;
            }
        }

        return root;
    }

    private static void Collect(JsonObject obj, string prefix, HashSet<string> result)
    {
        foreach (var (key, value) in obj)
        {
            var path = prefix + Separator + key;
            if (value is JsonObject child && child.Count > 0)
            {
                Collect(child, path, result);
            }
            else if (value is not null)
            {
                result.Add(path);
            }
        }
    }
}

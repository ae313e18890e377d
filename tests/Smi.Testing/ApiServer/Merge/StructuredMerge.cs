using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Merge;

/// <summary>
/// The typed operations of server-side apply, written by hand after <c>sigs.k8s.io/structured-merge-diff</c>
/// (<c>typed/tofieldset.go</c>, <c>typed/compare.go</c>, <c>typed/merge.go</c>, <c>typed/remove.go</c>): the field set
/// of an object, the comparison of two objects, the merge of an apply configuration into a live object and the
/// removal of field paths. Scalars, atomic lists and atomic maps are leaves; objects are structs (named fields) or
/// maps (keys); <c>set</c> and <c>map</c> lists are merged per item. Paths use <see cref="PathElements"/>.
/// </summary>
internal static class StructuredMerge
{
    /// <summary>
    /// The paths an object sets: every leaf, every map key and every item of a <c>set</c> or <c>map</c> list (named
    /// fields of structs are not members themselves).
    /// </summary>
    public static HashSet<string> ToFieldSet(SchemaNode root, JsonObject obj)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        CollectObject(root, obj, string.Empty, set);
        return set;
    }

    /// <summary>What changed from <paramref name="before"/> (null: nothing) to <paramref name="after"/>.</summary>
    public static FieldSetComparison Compare(SchemaNode root, JsonObject? before, JsonObject after)
    {
        var comparison = new FieldSetComparison();
        CompareContainer(root, before, after, string.Empty, comparison);
        return comparison;
    }

    /// <summary>The live object with the apply configuration merged in: configured values win.</summary>
    public static JsonObject Merge(SchemaNode root, JsonObject live, JsonObject config) =>
        (JsonObject)MergeValue(root, live, config, string.Empty)!;

    /// <summary>A copy of the object without the given paths (and everything below them).</summary>
    public static JsonObject RemoveItems(SchemaNode root, JsonObject obj, IReadOnlySet<string> paths) =>
        (JsonObject)Remove(root, obj, paths, string.Empty);

    /// <summary>
    /// The set plus every named field above one of its paths (structured-merge-diff's
    /// <c>EnsureNamedFieldsAreMembers</c>), so that a struct nobody owns anything in can be removed as a whole.
    /// </summary>
    public static HashSet<string> WithNamedFieldAncestors(SchemaNode root, IEnumerable<string> paths)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            result.Add(path);
            var node = root;
            var prefix = string.Empty;
            var elements = PathElements.Split(path);
            for (var i = 0; i < elements.Length - 1; i++)
            {
                var element = elements[i];
                prefix = PathElements.Child(prefix, element);
                if (element.StartsWith("f:", StringComparison.Ordinal))
                {
                    var (child, isField) = node.Child(element[2..]);
                    if (isField)
                    {
                        result.Add(prefix);
                    }

                    node = child;
                }
                else
                {
                    node = node.Items;
                }
            }
        }

        return result;
    }

    /// <summary>The <c>fieldsV1</c> form of a set: <c>"."</c> marks a member that has children.</summary>
    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var current = root;
            foreach (var element in PathElements.Split(path))
            {
                if (current[element] is not JsonObject next)
                {
                    next = [];
                    current[element] = next;
                }

                current = next;
            }

            current["."] = new JsonObject();
        }

        Tidy(root);
        return root;
    }

    /// <summary>Drops the <c>"."</c> of members without children: <c>{"f:size": {}}</c>.</summary>
    private static void Tidy(JsonObject node)
    {
        foreach (var (key, child) in node.ToList())
        {
            if (key != "." && child is JsonObject nested)
            {
                if (nested.Count == 1 && nested.ContainsKey("."))
                {
                    nested.Remove(".");
                }
                else
                {
                    Tidy(nested);
                }
            }
        }
    }

    private static bool IsLeaf(SchemaNode node, JsonNode? a, JsonNode? b)
    {
        if (a is JsonValue || b is JsonValue
            || (a is JsonObject && b is JsonArray) || (a is JsonArray && b is JsonObject))
        {
            return true;
        }

        if ((a ?? b) is JsonObject)
        {
            return node.AtomicMap || (a is not JsonObject { Count: > 0 } && b is not JsonObject { Count: > 0 });
        }

        return node.ListType == "atomic" || (a is not JsonArray { Count: > 0 } && b is not JsonArray { Count: > 0 });
    }

    private static void CollectObject(SchemaNode node, JsonObject obj, string path, HashSet<string> set)
    {
        foreach (var (key, value) in obj)
        {
            if (value is null)
            {
                continue;
            }

            var (child, isField) = node.Child(key);
            var here = PathElements.Child(path, PathElements.Field(key));
            Collect(child, value, here, set);
            if (!isField)
            {
                set.Add(here);
            }
        }
    }

    private static void Collect(SchemaNode node, JsonNode value, string path, HashSet<string> set)
    {
        switch (value)
        {
            case JsonObject obj when !node.AtomicMap:
                CollectObject(node, obj, path, set);
                break;
            case JsonArray list when node.ListType != "atomic":
                foreach (var (element, item) in Items(node, list, path))
                {
                    var here = PathElements.Child(path, element);
                    if (item is not null)
                    {
                        Collect(node.Items, item, here, set);
                    }

                    set.Add(here);
                }

                break;
            default:
                set.Add(path);
                break;
        }
    }

    /// <summary>The items of a <c>set</c> or <c>map</c> list by path element, repeated ones once.</summary>
    /// <exception cref="FormatException">A <c>map</c> list item lacks a key field with no default.</exception>
    private static List<(string Element, JsonNode? Item)> Items(SchemaNode node, JsonArray? list, string path)
    {
        var result = new List<(string, JsonNode?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var item = list![i];
            string element;
            try
            {
                element = node.ListType == "map" && item is JsonObject fields && node.MapKeys.Count > 0
                    ? PathElements.Key(fields, node.MapKeys, node.Items)
                    : node.ListType == "set" && item is JsonValue ? PathElements.Value(item) : PathElements.Index(i);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{PathElements.Display(path)}: element {i}: {e.Message}", e);
            }

            if (seen.Add(element))
            {
                result.Add((element, item));
            }
        }

        return result;
    }

    private static void CompareValue(
        SchemaNode node, JsonNode? before, JsonNode? after, string path, bool isField, FieldSetComparison comparison)
    {
        if (before is null && after is null)
        {
            return;
        }

        if (IsLeaf(node, before, after))
        {
            if (before is null)
            {
                comparison.Added.Add(path);
            }
            else if (after is null)
            {
                comparison.Removed.Add(path);
            }
            else if (!JsonNode.DeepEquals(before, after))
            {
                comparison.Modified.Add(path);
            }

            return;
        }

        CompareContainer(node, before, after, path, comparison);
        if (!isField && path.Length > 0)
        {
            if (before is null)
            {
                comparison.Added.Add(path);
            }
            else if (after is null)
            {
                comparison.Removed.Add(path);
            }
        }
    }

    private static void CompareContainer(
        SchemaNode node, JsonNode? before, JsonNode? after, string path, FieldSetComparison comparison)
    {
        if ((before ?? after) is JsonObject)
        {
            var a = before as JsonObject;
            var b = after as JsonObject;
            var keys = (a?.Select(p => p.Key) ?? []).Union(b?.Select(p => p.Key) ?? [], StringComparer.Ordinal);
            foreach (var key in keys.ToList())
            {
                var (child, isField) = node.Child(key);
                var here = PathElements.Child(path, PathElements.Field(key));
                CompareValue(child, a?[key], b?[key], here, isField, comparison);
            }

            return;
        }

        var left = Items(node, before as JsonArray, path)
            .ToDictionary(p => p.Element, p => p.Item, StringComparer.Ordinal);
        var right = Items(node, after as JsonArray, path)
            .ToDictionary(p => p.Element, p => p.Item, StringComparer.Ordinal);
        foreach (var element in left.Keys.Union(right.Keys, StringComparer.Ordinal).ToList())
        {
            var here = PathElements.Child(path, element);
            var (leftItem, rightItem) = (left.GetValueOrDefault(element), right.GetValueOrDefault(element));
            CompareValue(node.Items, leftItem, rightItem, here, false, comparison);
        }
    }

    private static JsonNode? MergeValue(SchemaNode node, JsonNode? live, JsonNode? config, string path)
    {
        if (config is null)
        {
            return live?.DeepClone();
        }

        if (live is null || IsLeaf(node, live, config))
        {
            return config.DeepClone();
        }

        if (live is JsonObject liveObject && config is JsonObject configObject)
        {
            var merged = new JsonObject();
            foreach (var (key, value) in liveObject)
            {
                var here = PathElements.Child(path, PathElements.Field(key));
                merged[key] = MergeValue(node.Child(key).Node, value, configObject[key], here);
            }

            foreach (var (key, value) in configObject)
            {
                if (!liveObject.ContainsKey(key))
                {
                    merged[key] = value?.DeepClone();
                }
            }

            return merged;
        }

        return MergeList(node, (JsonArray)live, (JsonArray)config, path);
    }

    /// <summary>
    /// Merges two granular lists in structured-merge-diff's order: the configured items in their order, with live
    /// items the configuration does not mention kept where they were relative to the shared ones.
    /// </summary>
    private static JsonArray MergeList(SchemaNode node, JsonArray live, JsonArray config, string path)
    {
        var lhs = Items(node, live, path);
        var rhs = Items(node, config, path);
        var lhsItems = lhs.ToDictionary(p => p.Element, p => p.Item, StringComparer.Ordinal);
        var rhsItems = rhs.ToDictionary(p => p.Element, p => p.Item, StringComparer.Ordinal);
        var shared = new Queue<string>(rhs.Select(p => p.Element).Where(lhsItems.ContainsKey));
        string? nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var result = new JsonArray();
        int l = 0, r = 0;
        while (l < lhs.Count || r < rhs.Count)
        {
            if (l < lhs.Count && r < rhs.Count)
            {
                var element = lhs[l].Element;
                if (element == rhs[r].Element)
                {
                    result.Add(MergeValue(node.Items, lhs[l].Item, rhs[r].Item, PathElements.Child(path, element)));
                    l++;
                    r++;
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                    continue;
                }

                if (rhsItems.ContainsKey(element) && nextShared is not null && nextShared != element)
                {
                    l++;
                    continue;
                }
            }

            if (l < lhs.Count && !rhsItems.ContainsKey(lhs[l].Element))
            {
                result.Add(lhs[l].Item?.DeepClone());
                l++;
                continue;
            }

            if (r < rhs.Count)
            {
                var element = rhs[r].Element;
                var itemPath = PathElements.Child(path, element);
                result.Add(MergeValue(node.Items, lhsItems.GetValueOrDefault(element), rhs[r].Item, itemPath));
                r++;
                if (nextShared == element)
                {
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                }
            }
            else
            {
                l++;
            }
        }

        return result;
    }

    private static JsonNode Remove(SchemaNode node, JsonNode value, IReadOnlySet<string> paths, string path)
    {
        if (value is JsonObject obj && !node.AtomicMap)
        {
            var result = new JsonObject();
            foreach (var (key, child) in obj)
            {
                var here = PathElements.Child(path, PathElements.Field(key));
                if (paths.Contains(here))
                {
                    continue;
                }

                result[key] = child is not null && paths.Any(p => PathElements.IsUnder(p, here))
                    ? Remove(node.Child(key).Node, child, paths, here)
                    : child?.DeepClone();
            }

            return result;
        }

        if (value is JsonArray list && node.ListType != "atomic")
        {
            var result = new JsonArray();
            foreach (var (element, item) in Items(node, list, path))
            {
                var here = PathElements.Child(path, element);
                if (paths.Contains(here))
                {
                    continue;
                }

                result.Add(item is not null && paths.Any(p => PathElements.IsUnder(p, here))
                    ? Remove(node.Items, item, paths, here)
                    : item?.DeepClone());
            }

            return result;
        }

        return value.DeepClone();
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Kube.Fields;

/// <summary>
/// Field paths in the form server-side apply's <c>fieldsV1</c> uses: segments <c>f:&lt;field&gt;</c>,
/// <c>k:{...}</c> (an item of an associative list, by its key fields), <c>v:&lt;value&gt;</c> (an item of a set) and
/// <c>i:&lt;n&gt;</c>, joined by a newline (which JSON in a segment never holds unescaped). Key objects are written
/// with their fields in ordinal order, so the same item always gets the same segment.
/// See https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management.
/// </summary>
internal static class FieldPath
{
    public const char Separator = '\n';

    public static string Child(string path, string segment) => path.Length == 0 ? segment : path + Separator + segment;

    public static string Field(string path, string name) => Child(path, "f:" + name);

    /// <summary>The segment of an associative-list item: <c>k:</c> and its key fields as JSON.</summary>
    public static string Key(JsonObject item, IEnumerable<string> keys)
    {
        var key = new JsonObject();
        foreach (var name in keys.Order(StringComparer.Ordinal))
        {
            key[name] = item[name]?.DeepClone();
        }

        return "k:" + key.ToJsonString();
    }

    /// <summary>The segment of a set item: <c>v:</c> and the value as JSON.</summary>
    public static string Value(JsonNode? value) => "v:" + (value?.ToJsonString() ?? "null");

    /// <summary>A segment as written by the API server, with the fields of a <c>k:</c> key in ordinal order.</summary>
    public static string Normalize(string segment)
    {
        if (!segment.StartsWith("k:", StringComparison.Ordinal))
        {
            return segment;
        }

        try
        {
            if (JsonNode.Parse(segment[2..]) is JsonObject key)
            {
                return Key(key, key.Select(p => p.Key));
            }
        }
        catch (JsonException)
        {
            // Not JSON: compared as written.
        }

        return segment;
    }

    /// <summary>Whether one path is the other or lies below it.</summary>
    public static bool Overlaps(string a, string b) => Below(a, b) || Below(b, a);

    /// <summary>The path and every path above it.</summary>
    public static IEnumerable<string> SelfAndAncestors(string path)
    {
        yield return path;
        for (var i = path.LastIndexOf(Separator); i > 0; i = path.LastIndexOf(Separator, i - 1))
        {
            yield return path[..i];
        }
    }

    /// <summary>The path as a person reads it: <c>.spec.http</c>, <c>.metadata.ownerReferences[uid=...]</c>.</summary>
    public static string Display(string path)
    {
        var text = new StringBuilder();
        foreach (var segment in path.Split(Separator))
        {
            if (segment.StartsWith("f:", StringComparison.Ordinal))
            {
                text.Append('.').Append(segment.AsSpan(2));
            }
            else if (segment.StartsWith("k:", StringComparison.Ordinal) && TryParseObject(segment[2..]) is { } key)
            {
                text.Append('[').AppendJoin(',', key.Select(p => p.Key + "=" + Text(p.Value))).Append(']');
            }
            else
            {
                text.Append('[').Append(segment.Length > 2 ? segment.AsSpan(2) : segment).Append(']');
            }
        }

        return text.ToString();
    }

    private static string? Text(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString();

    private static bool Below(string path, string ancestor) =>
        path == ancestor
        || (path.Length > ancestor.Length
            && path.StartsWith(ancestor, StringComparison.Ordinal)
            && path[ancestor.Length] == Separator);

    private static JsonObject? TryParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

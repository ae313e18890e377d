using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Webhooks.Conversion;

/// <summary>
/// JSON helpers of the conversion webhook: the content of an object (what a version defines: everything but
/// apiVersion, kind, metadata and status), a canonical checksum of it, and RFC 7386 merge patches.
/// </summary>
internal static class JsonContent
{
    private static readonly HashSet<string> Envelope = new(StringComparer.Ordinal)
    {
        "apiVersion",
        "kind",
        "metadata",
        "status",
    };

    /// <summary>
    /// The object's content: a copy without apiVersion, kind, metadata and status, and without null values.
    /// </summary>
    public static JsonObject Of(JsonObject obj)
    {
        var content = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (!Envelope.Contains(key) && value is not null)
            {
                content[key] = WithoutNulls(value);
            }
        }

        return content;
    }

    /// <summary>A SHA-256 of the canonical form of the content (object keys sorted, numbers normalized).</summary>
    public static string Checksum(JsonObject content)
    {
        var text = new StringBuilder();
        WriteCanonical(content, text);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// The merge patch that turns <paramref name="from"/> into <paramref name="to"/>; an empty object when they are
    /// equal.
    /// </summary>
    public static JsonObject Diff(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (key, value) in from)
        {
            if (!to.ContainsKey(key))
            {
                patch[key] = null;
            }
        }

        foreach (var (key, target) in to)
        {
            var source = from[key];
            if (Equal(source, target))
            {
                continue;
            }

            patch[key] = source is JsonObject sourceObject && target is JsonObject targetObject
                ? Diff(sourceObject, targetObject)
                : target?.DeepClone();
        }

        return patch;
    }

    /// <summary>Applies a merge patch (RFC 7386) to a copy of <paramref name="target"/>.</summary>
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        var result = (JsonObject)target.DeepClone();
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject child)
            {
                result[key] = Apply(result[key] as JsonObject ?? [], child);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        return result;
    }

    /// <summary>Deep equality with numbers compared by value (<c>1</c> equals <c>1.0</c>).</summary>
    public static bool Equal(JsonNode? a, JsonNode? b)
    {
        var left = new StringBuilder();
        var right = new StringBuilder();
        WriteCanonical(a, left);
        WriteCanonical(b, right);
        return string.Equals(left.ToString(), right.ToString(), StringComparison.Ordinal);
    }

    private static JsonNode WithoutNulls(JsonNode node) => node switch
    {
        JsonObject obj =>
            new JsonObject(
                obj.Where(p => p.Value is not null)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)WithoutNulls(p.Value!)))),
        JsonArray array => new JsonArray([.. array.Select(item => item is null ? null : WithoutNulls(item))]),
        _ => node.DeepClone(),
    };

    private static void WriteCanonical(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    text.Append(JsonSerializer.Serialize(key)).Append(':');
                    WriteCanonical(value, text);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WriteCanonical(array[i], text);
                }

                text.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number
                && decimal.TryParse(
                    value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                text.Append((number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Merge;

/// <summary>
/// Field paths as structured-merge-diff writes them in <c>fieldsV1</c>
/// (<c>sigs.k8s.io/structured-merge-diff/fieldpath/serialize-pe.go</c>): <c>f:&lt;name&gt;</c> for a field or map
/// key, <c>k:{"type":"Ready"}</c> for an item of a <c>map</c> list (its keys, sorted), <c>v:"x"</c> for an item of a
/// <c>set</c> list and <c>i:0</c> for a list index. A path is its elements joined by a NUL character.
/// </summary>
internal static class PathElements
{
    /// <summary>Joins the elements of a path.</summary>
    public const char Separator = '\0';

    private static readonly JsonSerializerOptions Compact = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Field(string name) => "f:" + name;

    public static string Value(JsonNode? value) => "v:" + Json(value);

    public static string Index(int index) => "i:" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The <c>k:</c> element of a <c>map</c> list item; an absent key field takes its default.</summary>
    /// <exception cref="FormatException">A key field is absent and has no default.</exception>
    public static string Key(JsonObject item, IReadOnlyList<string> keys, SchemaNode itemType)
    {
        var fields = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var value = item[key] ?? itemType.DefaultOf(key);
            if (value is null)
            {
                throw new FormatException(
                    $"associative list with keys has an element that omits key field \"{key}\" "
                        + "(and doesn't have default value)");
            }

            fields[key] = value;
        }

        var text = new StringBuilder("k:{");
        foreach (var (key, value) in fields)
        {
            if (text.Length > 3)
            {
                text.Append(',');
            }

            text.Append(Json(JsonValue.Create(key))).Append(':').Append(Json(value));
        }

        return text.Append('}').ToString();
    }

    public static string Child(string path, string element) =>
        path.Length == 0 ? element : path + Separator + element;

    public static bool IsUnder(string path, string prefix) =>
        path.Length > prefix.Length && path.StartsWith(prefix, StringComparison.Ordinal)
            && (prefix.Length == 0 || path[prefix.Length] == Separator);

    public static string[] Split(string path) => path.Split(Separator);

    /// <summary>A path as kube-apiserver prints it: <c>.status.conditions[type="Ready"].status</c>.</summary>
    public static string Display(string path)
    {
        var text = new StringBuilder();
        foreach (var element in Split(path))
        {
            var body = element[2..];
            switch (element[0])
            {
                case 'f':
                    text.Append('.').Append(body);
                    break;
                case 'k':
                    var keys = JsonNode.Parse(body)!.AsObject().Select(p => p.Key + "=" + Json(p.Value));
                    text.Append('[').Append(string.Join(",", keys)).Append(']');
                    break;
                case 'v':
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    private static string Json(JsonNode? value) => value?.ToJsonString(Compact) ?? "null";
}

using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>JSON merge patch (RFC 7386) and JSON patch (RFC 6902: add, remove, replace, test, move, copy).</summary>
internal static class JsonPatches
{
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = MergePatch(result[key], value);
            }
        }

        return result;
    }

    public static JsonObject JsonPatch(JsonObject target, JsonArray operations)
    {
        JsonNode document = target.DeepClone();
        foreach (var operation in operations.OfType<JsonObject>())
        {
            var op = operation["op"]?.GetValue<string>() ?? throw Fail("missing op");
            var path = operation["path"]?.GetValue<string>() ?? throw Fail("missing path");
            switch (op)
            {
                case "add":
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Take(document, path);
                    break;
                case "replace":
                    Take(document, path);
                    document = Add(document, path, operation["value"]?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(document, path), operation["value"]))
                    {
                        throw new ApiErrorException(KubernetesStatus.Failure(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed"));
                    }

                    break;
                case "move":
                    var moved = Take(document, operation["from"]?.GetValue<string>() ?? throw Fail("missing from"));
                    document = Add(document, path, moved);
                    break;
                case "copy":
                    document = Add(document, path, Resolve(document, operation["from"]?.GetValue<string>() ?? throw Fail("missing from"))?.DeepClone());
                    break;
                default:
                    throw Fail($"unknown op {op}");
            }
        }

        return document as JsonObject ?? throw Fail("the patch did not produce an object");
    }

    private static JsonNode Add(JsonNode document, string path, JsonNode? value)
    {
        if (path.Length == 0)
        {
            return value ?? throw Fail("cannot replace the document with null");
        }

        var (parent, key) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj:
                obj[key] = value;
                break;
            case JsonArray array when key == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(key, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw Fail($"add operation does not apply: doc is missing path: \"{path}\"");
        }

        return document;
    }

    private static JsonNode? Take(JsonNode document, string path)
    {
        var (parent, key) = Parent(document, path);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(key):
                var value = obj[key];
                obj.Remove(key);
                return value;
            case JsonArray array when int.TryParse(key, out var index) && index >= 0 && index < array.Count:
                var item = array[index];
                array.RemoveAt(index);
                return item;
            default:
                throw Fail($"doc is missing path: \"{path}\"");
        }
    }

    private static JsonNode? Resolve(JsonNode document, string path)
    {
        if (path.Length == 0)
        {
            return document;
        }

        var (parent, key) = Parent(document, path);
        return parent switch
        {
            JsonObject obj => obj[key],
            JsonArray array when int.TryParse(key, out var index) && index >= 0 && index < array.Count => array[index],
            _ => null,
        };
    }

    private static (JsonNode Parent, string Key) Parent(JsonNode document, string path)
    {
        if (!path.StartsWith('/'))
        {
            throw Fail($"invalid path \"{path}\"");
        }

        var segments = path[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        var current = document;
        foreach (var segment in segments[..^1])
        {
            current = current switch
            {
                JsonObject obj when obj[segment] is { } next => next,
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count && array[index] is { } item => item,
                _ => throw Fail($"doc is missing path: \"{path}\""),
            };
        }

        return (current, segments[^1]);
    }

    private static ApiErrorException Fail(string message) =>
        new(KubernetesStatus.Failure(422, "Invalid", "the server rejected our request due to an error in our request: " + message));
}

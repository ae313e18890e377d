using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Webhooks.Reviews;

/// <summary>
/// Reads the body of a webhook request into a review, or says in words what is wrong with it: not JSON, not an object,
/// the wrong <c>apiVersion</c> or <c>kind</c>, no <c>request</c> or <c>request.uid</c>, a field of the wrong type, a
/// null item. The messages name the field as the API server writes it and never carry .NET type names.
/// </summary>
internal static class ReviewEnvelope
{
    /// <summary>Reads and checks a ConversionReview (<c>apiextensions.k8s.io/v1</c>).</summary>
    /// <param name="body">The request body.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The review, or the problem.</returns>
    public static async Task<(ConversionReview? Review, string? Problem)> ReadConversionAsync(
        Stream body, CancellationToken cancellationToken)
    {
        var (root, problem) = await ParseAsync(body, ConversionReview.V1, "ConversionReview", cancellationToken)
            .ConfigureAwait(false);
        if (root is null)
        {
            return (null, problem);
        }

        // The objects are moved, not copied, into the review: a large review is held in memory once.
        var request = (JsonObject)root["request"]!;
        List<JsonObject?>? moved = null;
        if (request["objects"] is JsonArray objects)
        {
            for (var i = 0; i < objects.Count; i++)
            {
                if (objects[i] is not JsonObject)
                {
                    return (null, $"request.objects[{i}] must be an object, not {Describe(objects[i])}");
                }
            }

            moved = [.. objects.Select(o => (JsonObject?)o)];
            objects.Clear();
        }

        var (review, problem2) = Deserialize<ConversionReview>(root);
        if (review?.Request is { } parsed && moved is not null)
        {
            parsed.Objects = moved;
        }

        return (review, problem2);
    }

    /// <summary>Reads and checks an AdmissionReview (<c>admission.k8s.io/v1</c>).</summary>
    /// <param name="body">The request body.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The review, or the problem.</returns>
    public static async Task<(AdmissionReview? Review, string? Problem)> ReadAdmissionAsync(
        Stream body, CancellationToken cancellationToken)
    {
        var (root, problem) = await ParseAsync(body, AdmissionReview.V1, "AdmissionReview", cancellationToken)
            .ConfigureAwait(false);
        if (root is null)
        {
            return (null, problem);
        }

        // The objects are moved, not copied, into the review: a large review is held in memory once.
        var request = (JsonObject)root["request"]!;
        var moved = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var field in new[] { "object", "oldObject" })
        {
            switch (request[field])
            {
                case null:
                    break;
                case JsonObject obj:
                    request.Remove(field);
                    moved[field] = obj;
                    break;
                default:
                    return (null, $"request.{field} must be an object, not {Describe(request[field])}");
            }
        }

        var (review, problem2) = Deserialize<AdmissionReview>(root);
        if (review?.Request is { } parsed)
        {
            parsed.Object = moved.GetValueOrDefault("object");
            parsed.OldObject = moved.GetValueOrDefault("oldObject");
        }

        return (review, problem2);
    }

    private static async Task<(JsonObject? Root, string? Problem)> ParseAsync(
        Stream body, string apiVersion, string kind, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}"
                : string.Empty;
            return (null, $"the body is not valid JSON{where}");
        }

        if (node is not JsonObject root)
        {
            return (null, $"the body must be a {kind} object, not {Describe(node)}");
        }

        if (Text(root["apiVersion"]) != apiVersion)
        {
            return (null, $"apiVersion must be \"{apiVersion}\", not {Describe(root["apiVersion"])}");
        }

        if (Text(root["kind"]) != kind)
        {
            return (null, $"kind must be \"{kind}\", not {Describe(root["kind"])}");
        }

        if (root["request"] is not JsonObject request)
        {
            return (null, $"request must be an object, not {Describe(root["request"])}");
        }

        if (Text(request["uid"]) is not { Length: > 0 })
        {
            return (null, $"request.uid must be a non-empty string, not {Describe(request["uid"])}");
        }

        return (root, null);
    }

    private static (T? Review, string? Problem) Deserialize<T>(JsonObject root)
        where T : class
    {
        try
        {
            return (root.Deserialize<T>(ReviewJson.Options), null);
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal)
                ? p[2..]
                : "a field";
            return (null, $"{path} has a value of the wrong type");
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null (or missing)",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue value when value.TryGetValue<string>(out var text) =>
            $"\"{(text.Length > 64 ? text[..64] + "…" : text)}\"",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            JsonValueKind.Number => "a number",
            _ => "a value of another type",
        },
    };
}

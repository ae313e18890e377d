using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Smi.Abstractions;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Serialization;
using Smi.Webhooks.Reviews;

namespace Smi.Webhooks.Conversion;

/// <summary>
/// The CRD conversion webhook of the SMI kinds: converts objects between every version of a kind through the hub model
/// (<see cref="SmiConverter"/>), without loss over a round trip.
/// </summary>
/// <remarks>
/// <para>
/// A version may lack fields that another has (split v1alpha1/v1alpha2 have no <c>matches</c>, TrafficTarget v1alpha3
/// has no <c>destination.port</c>, TCPRoute before v1alpha4 has no ports, weights of v1alpha1 are quantities). When the
/// target version cannot hold all of an object, the webhook keeps the rest in the
/// <see cref="LostFieldsAnnotation"/> annotation: JSON <c>{"apiVersion": origin, "checksum": ..., "patch": ...}</c>,
/// where <c>patch</c> is the RFC 7386 merge patch that turns the plain conversion back to the origin version into the
/// object exactly as it was written, and <c>checksum</c> is the SHA-256 of the converted content. Converting again
/// restores the origin first, so A -&gt; B -&gt; A and A -&gt; B -&gt; C -&gt; A give back A. When the annotated object
/// was edited since (its content no longer matches the checksum), the annotation is stale and is dropped: the edit
/// wins. The annotation is removed whenever nothing is lost.
/// </para>
/// <para>
/// Only labels and annotations of <c>metadata</c> may change in a conversion; metadata and status are copied as they
/// came. An object fails to convert only when it cannot be read at all (a value of the wrong type, a kind or version
/// that is not SMI); the result then says <c>Failure</c> with a message naming the object and the field. Objects that
/// are readable but invalid convert, because refusing them would make stored objects unreadable: validation is the
/// admission webhook's job.
/// </para>
/// </remarks>
public static class SmiConversionWebhook
{
    /// <summary>The annotation that keeps what the object's version cannot hold.</summary>
    public const string LostFieldsAnnotation = "conversion.smi-adapter.io/lost";

    /// <summary>Answers a ConversionReview: converts every object of the request to its desired apiVersion.</summary>
    /// <param name="review">The review with its request.</param>
    /// <returns>A review with the response: every object converted, or <c>Failure</c> and the first error.</returns>
    public static ConversionReview Convert(ConversionReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var request = review.Request;
        var response = new ConversionResponse { Uid = request?.Uid ?? string.Empty };
        var result = new ConversionReview
        {
            ApiVersion = review.ApiVersion ?? ConversionReview.V1,
            Response = response,
        };
        if (request is null || string.IsNullOrEmpty(request.DesiredApiVersion))
        {
            response.Result = Failure("the ConversionReview has no request or no desiredAPIVersion");
            return result;
        }

        try
        {
            var objects = request.Objects ?? [];
            for (var i = 0; i < objects.Count; i++)
            {
                var obj = objects[i] ?? throw new ConversionFailedException($"objects[{i}] is null");
                response.ConvertedObjects.Add(ConvertObject(obj, request.DesiredApiVersion));
            }
        }
        catch (ConversionFailedException e)
        {
            response.ConvertedObjects.Clear();
            response.Result = Failure(e.Message);
        }

        return result;
    }

    /// <summary>
    /// Converts one object to another version of its kind, keeping what that version lacks in the annotation.
    /// </summary>
    /// <param name="obj">The object, in any SMI version.</param>
    /// <param name="desiredApiVersion">The target apiVersion, for example <c>split.smi-spec.io/v1alpha1</c>.</param>
    /// <returns>A new object in the target version.</returns>
    /// <exception cref="ConversionFailedException">The object cannot be read, or the kind has no such
    /// version.</exception>
    public static JsonObject ConvertObject(JsonObject obj, string desiredApiVersion)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentException.ThrowIfNullOrWhiteSpace(desiredApiVersion);
        var apiVersion = Text(obj["apiVersion"]);
        var kind = Text(obj["kind"]);
        var metadata = obj["metadata"] as JsonObject ?? [];
        var display =
            $"{kind} {(Text(metadata["namespace"]) is { } ns ? ns + "/" : string.Empty)}{Text(metadata["name"])}";
        if (apiVersion is null || kind is null)
        {
            throw new ConversionFailedException($"{display}: apiVersion and kind must be strings");
        }

        if (SmiVersions.Find(apiVersion, kind) is null)
        {
            throw new ConversionFailedException(
                $"{display}: apiVersion: {apiVersion} {kind} is not an SMI kind and version this webhook converts");
        }

        if (SmiVersions.Find(desiredApiVersion, kind) is null)
        {
            throw new ConversionFailedException(
                $"{display}: {kind} has no version {desiredApiVersion}; known: " +
                $"{string.Join(", ", SmiVersions.All.Where(v => v.Kind == kind).Select(v => v.ApiVersion))}");
        }

        // Restore the object as it was first written, when the annotation still belongs to this content.
        var content = JsonContent.Of(obj);
        var originVersion = apiVersion;
        var originContent = content;
        var annotations = metadata["annotations"] as JsonObject;
        if (LostFields.Parse(Text(annotations?[LostFieldsAnnotation])) is { } lost
            && lost.Checksum == JsonContent.Checksum(content)
            && SmiVersions.Find(lost.ApiVersion, kind) is not null)
        {
            originVersion = lost.ApiVersion;
            originContent = JsonContent.Apply(
                Naive(content, apiVersion, kind, metadata, originVersion, display), lost.Patch);
        }

        JsonObject converted;
        LostFields? nowLost = null;
        if (originVersion == desiredApiVersion)
        {
            converted = originContent;
        }
        else
        {
            converted = Naive(originContent, originVersion, kind, metadata, desiredApiVersion, display);
            var back = Naive(converted, desiredApiVersion, kind, metadata, originVersion, display);
            var patch = JsonContent.Diff(back, originContent);
            if (patch.Count > 0)
            {
                nowLost = new LostFields(originVersion, JsonContent.Checksum(converted), patch);
            }
        }

        return Assemble(obj, desiredApiVersion, kind, converted, nowLost);
    }

    /// <summary>Converts content with the hub model alone (no annotation).</summary>
    private static JsonObject Naive(
        JsonObject content, string fromApiVersion, string kind, JsonObject metadata, string toApiVersion,
        string display)
    {
        if (fromApiVersion == toApiVersion)
        {
            return (JsonObject)content.DeepClone();
        }

        var from = SmiVersions.Find(fromApiVersion, kind)!;
        var document = new JsonObject
        {
            ["apiVersion"] = fromApiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = Text(metadata["name"]) ?? string.Empty,
                ["namespace"] = Text(metadata["namespace"]),
            },
        };
        foreach (var (key, value) in content)
        {
            document[key] = value?.DeepClone();
        }

        if (kind == "HTTPRouteGroup" && !HeaderEncoding.NormalizeToMap(document, out var headerError))
        {
            throw new ConversionFailedException($"{display}: {headerError.Path}: {headerError.Message}");
        }

        Abstractions.Resources.SmiObject typed;
        try
        {
            typed = from.Deserialize(document.ToJsonString());
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : e.Path;
            throw new ConversionFailedException(
                $"{display}: {path}: the value does not have the type {fromApiVersion} needs", e);
        }
        catch (FormatException e)
        {
            throw new ConversionFailedException(
                $"{display}: a value cannot be read as {fromApiVersion}: {e.Message}", e);
        }

        var context = new ConversionContext(
            new ResourceRef(fromApiVersion, kind, Text(metadata["namespace"]), Text(metadata["name"]) ?? string.Empty));
        var result = SmiConverter.Convert(typed, toApiVersion, context);
        var json = JsonNode.Parse(KubernetesJson.Serialize(result)) as JsonObject ?? [];
        return JsonContent.Of(json);
    }

    private static JsonObject Assemble(
        JsonObject source, string apiVersion, string kind, JsonObject content, LostFields? lost)
    {
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        var metadata = source["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : [];
        var annotations = metadata["annotations"] as JsonObject;
        if (lost is not null)
        {
            annotations ??= [];
            annotations[LostFieldsAnnotation] = lost.ToJson();
            metadata["annotations"] = annotations;
        }
        else if (annotations is not null)
        {
            annotations.Remove(LostFieldsAnnotation);
            if (annotations.Count == 0)
            {
                metadata.Remove("annotations");
            }
        }

        result["metadata"] = metadata;
        foreach (var (key, value) in content)
        {
            result[key] = value?.DeepClone();
        }

        if (source["status"] is { } status)
        {
            result["status"] = status.DeepClone();
        }

        return result;
    }

    private static ReviewStatus Failure(string message) => new() { Status = "Failure", Message = message };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

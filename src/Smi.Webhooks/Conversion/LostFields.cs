using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Webhooks.Conversion;

/// <summary>
/// The value of the <see cref="SmiConversionWebhook.LostFieldsAnnotation"/> annotation: the version the object was
/// written in (its origin), the merge patch that restores what the current version cannot hold, and the checksum of
/// the current content the patch belongs to.
/// </summary>
/// <param name="ApiVersion">The origin apiVersion.</param>
/// <param name="Checksum">The checksum of the annotated object's content when the annotation was written.</param>
/// <param name="Patch">The merge patch that turns the naive conversion back to the origin into the origin's
/// content.</param>
internal sealed record LostFields(string ApiVersion, string Checksum, JsonObject Patch)
{
    public string ToJson() => new JsonObject
    {
        ["apiVersion"] = ApiVersion,
        ["checksum"] = Checksum,
        ["patch"] = Patch.DeepClone(),
    }.ToJsonString();

    /// <summary>Reads an annotation value; <see langword="null"/> when it is not one this webhook wrote.</summary>
    public static LostFields? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject obj
                && obj["apiVersion"] is JsonValue apiVersion && apiVersion.TryGetValue<string>(out var version)
                && obj["checksum"] is JsonValue checksum && checksum.TryGetValue<string>(out var sum)
                && obj["patch"] is JsonObject patch
                ? new LostFields(version, sum, (JsonObject)patch.DeepClone())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

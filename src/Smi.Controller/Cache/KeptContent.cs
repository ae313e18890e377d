using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Controller.Cache;

/// <summary>
/// The part of an object that is read again after it is cached, as compact UTF-8 JSON: everything but
/// <c>status</c>, and of <c>metadata.managedFields</c> only one field manager's entries when one is named.
/// </summary>
internal static class KeptContent
{
    /// <summary>Writes the kept part of <paramref name="json"/>.</summary>
    /// <param name="json">The object as read.</param>
    /// <param name="fieldManager">The only manager whose managed fields are kept; null keeps every entry.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] Write(JsonElement json, string? fieldManager)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            return "{}"u8.ToArray();
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in json.EnumerateObject())
            {
                if (property.NameEquals("status"))
                {
                    continue;
                }

                if (property.NameEquals("metadata") && property.Value.ValueKind == JsonValueKind.Object)
                {
                    writer.WritePropertyName(property.Name);
                    WriteMetadata(writer, property.Value, fieldManager);
                    continue;
                }

                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses kept content into a mutable object.</summary>
    /// <param name="content">The UTF-8 JSON <see cref="Write"/> wrote.</param>
    /// <returns>The object.</returns>
    public static JsonObject Parse(byte[] content) => JsonNode.Parse(content) as JsonObject ?? [];

    private static void WriteMetadata(Utf8JsonWriter writer, JsonElement metadata, string? fieldManager)
    {
        writer.WriteStartObject();
        foreach (var property in metadata.EnumerateObject())
        {
            if (fieldManager is null || !property.NameEquals("managedFields")
                || property.Value.ValueKind != JsonValueKind.Array)
            {
                property.WriteTo(writer);
                continue;
            }

            writer.WritePropertyName(property.Name);
            writer.WriteStartArray();
            foreach (var entry in property.Value.EnumerateArray().Where(e => ContentHash.IsOf(e, fieldManager)))
            {
                entry.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}

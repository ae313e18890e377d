using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Smi.Abstractions.Resources;

/// <summary>
/// Reads a <see cref="Quantity"/> from a JSON string (<c>"500m"</c>) or a bare number (<c>1</c>, <c>0.5</c>), the way
/// YAML manifests write it, and writes the canonical string.
/// </summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    /// <inheritdoc/>
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDecimal(out var number):
                return new Quantity(Quantity.Normalize(number));
            case JsonTokenType.Number:
                throw new JsonException("the number is too large for a quantity");
            case JsonTokenType.String:
                var text = reader.GetString();
                return Quantity.TryParse(text, out var quantity)
                    ? quantity
                    : throw new JsonException($"\"{text}\" is not a Kubernetes quantity such as 1, 500m or 1500m");
            default:
                throw new JsonException(string.Create(
                    CultureInfo.InvariantCulture, $"a quantity must be a string or a number, not {reader.TokenType}"));
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}

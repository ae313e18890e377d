using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Abstractions.Crds;

/// <summary>Type, number and equality facts about JSON nodes, independent of how the node was built.</summary>
internal static class JsonFacts
{
    /// <summary>
    /// The OpenAPI type of a value: <c>null</c>, <c>object</c>, <c>array</c>, <c>string</c>, <c>boolean</c>,
    /// <c>integer</c> (a number without a fractional part) or <c>number</c>.
    /// </summary>
    public static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => TryNumber(value, out var number) && number.IsIntegral ? "integer" : "number",
            JsonValueKind.Null => "null",
            _ => "unknown",
        },
        _ => "unknown",
    };

    /// <summary>Reads a number exactly where <see cref="decimal"/> can, else as <see cref="double"/>.</summary>
    public static bool TryNumber(JsonNode? node, out Number number)
    {
        number = default;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var text = value.ToJsonString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact))
        {
            number = new Number(exact, (double)exact, true);
            return true;
        }

        if (double.TryParse(
            text,
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out var approximate) && double.IsFinite(approximate))
        {
            number = new Number(0m, approximate, false);
            return true;
        }

        return false;
    }

    /// <summary>A string value, or <see langword="null"/> when the node is not a string.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A boolean value, or <see langword="false"/> when the node is not <c>true</c>.</summary>
    public static bool IsTrue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    /// <summary>
    /// A text that is equal for equal JSON values: object keys sorted, numbers normalized (<c>1</c> equals
    /// <c>1.0</c>), strings escaped.
    /// </summary>
    public static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        AppendCanonical(builder, node);
        return builder.ToString();
    }

    /// <summary>A short rendering of a value for messages.</summary>
    public static string Render(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }

    private static void AppendCanonical(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(key)).Append(':');
                    AppendCanonical(builder, value);
                    first = false;
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",");
                    AppendCanonical(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                builder.Append(JsonSerializer.Serialize(value.GetValue<string>()));
                break;
            case JsonValue value when TryNumber(value, out var number):
                builder.Append(number.IsExact
                    ? number.Exact.ToString("0.############################", CultureInfo.InvariantCulture)
                    : number.Approximate.ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }

    /// <summary>A JSON number.</summary>
    /// <param name="Exact">The value when <paramref name="IsExact"/>.</param>
    /// <param name="Approximate">The value as a double.</param>
    /// <param name="IsExact">Whether <paramref name="Exact"/> holds the value.</param>
    internal readonly record struct Number(decimal Exact, double Approximate, bool IsExact)
    {
        /// <summary>Whether the number has no fractional part.</summary>
        public bool IsIntegral => IsExact ? decimal.Truncate(Exact) == Exact : Math.Floor(Approximate) == Approximate;

        /// <summary>Compares two numbers.</summary>
        public int CompareTo(Number other) =>
            IsExact && other.IsExact ? Exact.CompareTo(other.Exact) : Approximate.CompareTo(other.Approximate);

        /// <summary>Whether the number is a whole multiple of <paramref name="divisor"/>.</summary>
        public bool IsMultipleOf(Number divisor)
        {
            if (IsExact && divisor.IsExact)
            {
                return divisor.Exact == 0m || decimal.Remainder(Exact, divisor.Exact) == 0m;
            }

            var quotient = Approximate / divisor.Approximate;
            return Math.Abs(quotient - Math.Round(quotient)) < 1e-9;
        }

        /// <inheritdoc/>
        public override string ToString() =>
            IsExact
                ? Exact.ToString("0.############################", CultureInfo.InvariantCulture) : Approximate.ToString(
                    "R", CultureInfo.InvariantCulture);
    }
}

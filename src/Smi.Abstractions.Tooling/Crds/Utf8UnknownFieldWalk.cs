using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Abstractions.Crds;

/// <summary>
/// The unknown-field walk of <see cref="SchemaValidator.FindUnknownFields"/> made on an object's UTF-8 JSON with a
/// <see cref="Utf8JsonReader"/> instead of on its JSON nodes: the same fields in the same order, without building
/// the nodes. Only mappings and lists can hold an unknown field, so scalars are passed over; a field's path is spelt
/// out only when the walk descends into its value or reports it.
/// </summary>
internal static class Utf8UnknownFieldWalk
{
    private static readonly string[] ImplicitFields = ["apiVersion", "kind", "metadata"];

    /// <summary>Finds the fields of an object that its schema does not define.</summary>
    /// <param name="utf8">The object as UTF-8 JSON.</param>
    /// <param name="schema">The version's <c>openAPIV3Schema</c>.</param>
    /// <param name="maxDepth">The deepest nesting read.</param>
    /// <param name="violations">Receives every unknown field.</param>
    /// <exception cref="JsonException">The text is not JSON, or nests deeper than <paramref name="maxDepth"/>.
    /// </exception>
    public static void Find(ReadOnlySpan<byte> utf8, JsonObject schema, int maxDepth, List<CrdViolation> violations)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        if (reader.Read())
        {
            Check(ref reader, schema, string.Empty, structural: true, root: true, violations);
        }
    }

    // The reader is on the first token of a value; it is left on the last token of that value.
    private static void Check(
        ref Utf8JsonReader reader,
        JsonObject schema,
        string path,
        bool structural,
        bool root,
        List<CrdViolation> violations)
    {
        var token = reader.TokenType;
        if (token is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            // A null or a scalar: the node walk stops at it or finds nothing under it.
            return;
        }

        var type = JsonFacts.AsString(schema["type"]);
        var actual = token == JsonTokenType.StartObject ? "object" : "array";
        if (JsonFacts.IsTrue(schema["x-kubernetes-int-or-string"]) || (type is not null && type != actual))
        {
            // A value of the wrong type: the node walk reports the type and does not descend.
            reader.Skip();
            return;
        }

        var start = reader;
        if (token == JsonTokenType.StartObject)
        {
            CheckObject(ref reader, schema, path, structural, root, violations);
        }
        else if (schema["items"] is JsonObject items)
        {
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var itemPath = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray
                    ? string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]")
                    : path;
                Check(ref reader, items, itemPath, structural, root: false, violations);
                index++;
            }
        }
        else
        {
            reader.Skip();
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var branch in allOf.OfType<JsonObject>())
            {
                var again = start;
                Check(ref again, branch, path, structural: false, root: false, violations);
            }
        }
    }

    private static void CheckObject(
        ref Utf8JsonReader reader,
        JsonObject schema,
        string path,
        bool structural,
        bool root,
        List<CrdViolation> violations)
    {
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        var preserve = JsonFacts.IsTrue(schema["x-kubernetes-preserve-unknown-fields"]);
        var implicitFields = root || JsonFacts.IsTrue(schema["x-kubernetes-embedded-resource"]);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (implicitFields && ImplicitFields.Contains(key))
            {
                reader.Skip();
                continue;
            }

            var childSchema = properties?[key] as JsonObject ?? additional as JsonObject;
            if (childSchema is not null)
            {
                // A null of a non-nullable field is pruned before validating, and no other null holds a field.
                var nested = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                Check(ref reader, childSchema, nested ? Join(path, key) : path, structural, root: false, violations);
                continue;
            }

            if (additional is JsonValue && !JsonFacts.IsTrue(additional))
            {
                violations.Add(new CrdViolation(Join(path, key), "unknown field (additionalProperties is false)"));
            }
            else if (structural && !preserve && !JsonFacts.IsTrue(additional))
            {
                violations.Add(new CrdViolation(Join(path, key), "unknown field"));
            }

            reader.Skip();
        }
    }

    private static string Join(string path, string key) =>
        path.Length == 0 ? key : string.Create(CultureInfo.InvariantCulture, $"{path}.{key}");
}

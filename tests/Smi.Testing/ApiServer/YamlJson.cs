using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Smi.Testing.ApiServer;

/// <summary>Reads YAML (or JSON, which is YAML) documents into JSON nodes with the YAML 1.2 core schema for plain scalars.</summary>
internal static class YamlJson
{
    /// <summary>Every non-empty document in the text; throws <see cref="YamlException"/> on malformed YAML.</summary>
    public static IReadOnlyList<JsonNode?> ParseAll(string text)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Where(d => d.RootNode is not null).Select(d => ToJson(d.RootNode))];
    }

    /// <summary>A request body that is JSON or YAML holding one object; null when it is neither.</summary>
    public static JsonObject? ParseObject(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return JsonNode.Parse(text) as JsonObject;
        }

        var documents = ParseAll(text);
        return documents.Count == 1 ? documents[0] as JsonObject : null;
    }

    private static JsonNode? ToJson(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[key is YamlScalarNode scalarKey ? scalarKey.Value ?? string.Empty : key.ToString()] = ToJson(value);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if ((value[0] is '-' or '+' or '.' || char.IsDigit(value[0]))
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && !double.IsInfinity(number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }
}

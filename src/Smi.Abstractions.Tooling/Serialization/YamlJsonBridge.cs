using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Converts YAML nodes to JSON nodes with the YAML 1.2 core schema for plain scalars (null, booleans, integers,
/// floats), so typed deserialization sees the same values the API server would.
/// </summary>
internal static partial class YamlJsonBridge
{
    public static JsonNode? ToJson(YamlNode node, string path) => ToJson(node, path, []);

    // The field path is only needed for an error, so the walk keeps the keys and indexes that lead to the current
    // node and spells the path out when it throws, instead of building a path string for every node.
    private static JsonNode? ToJson(YamlNode node, string root, List<(string? Key, int Index)> trail)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = keyNode is YamlScalarNode scalarKey
                        ? scalarKey.Value ?? string.Empty : keyNode.ToString();
                    trail.Add((key, 0));
                    if (obj.ContainsKey(key))
                    {
                        throw new YamlFieldException(PathOf(root, trail), keyNode.Start, $"duplicate key \"{key}\"");
                    }

                    obj[key] = ToJson(valueNode, root, trail);
                    trail.RemoveAt(trail.Count - 1);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    trail.Add((null, index++));
                    array.Add(ToJson(item, root, trail));
                    trail.RemoveAt(trail.Count - 1);
                }

                return array;
            case YamlScalarNode scalar:
                return ToJson(scalar);
            default:
                throw new YamlFieldException(PathOf(root, trail), node.Start, "unsupported YAML node");
        }
    }

    private static string PathOf(string root, List<(string? Key, int Index)> trail)
    {
        var path = root;
        foreach (var (key, index) in trail)
        {
            path = key is null ? $"{path}[{index}]" : Join(path, key);
        }

        return path;
    }

    private static JsonNode? ToJson(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        var typed = scalar.Style == ScalarStyle.Plain
            && (scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific || scalar.Tag.Value != "tag:yaml.org,2002:str");
        return ScalarToJson(value, typed);
    }

    /// <summary>
    /// The JSON value of a scalar: a string, or, for a plain scalar that may be typed, null, a boolean or a number.
    /// </summary>
    /// <param name="value">The scalar's text.</param>
    /// <param name="typed">Whether the core schema applies: a plain scalar without a <c>!!str</c> tag.</param>
    /// <returns>The value.</returns>
    public static JsonNode? ScalarToJson(string value, bool typed) => Classify(value, typed) switch
    {
        (JsonValueKind.Null, _, _) => null,
        (JsonValueKind.True, _, _) => JsonValue.Create(true),
        (JsonValueKind.False, _, _) => JsonValue.Create(false),
        (JsonValueKind.Number, { } integer, _) => JsonValue.Create(integer),
        (JsonValueKind.Number, _, var number) => JsonValue.Create(number),
        _ => JsonValue.Create(value),
    };

    /// <summary>Writes the JSON value of a scalar, as <see cref="ScalarToJson"/> gives it.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="value">The scalar's text.</param>
    /// <param name="typed">Whether the core schema applies: a plain scalar without a <c>!!str</c> tag.</param>
    /// <returns>The kind of value written.</returns>
    public static JsonValueKind WriteScalar(Utf8JsonWriter writer, string value, bool typed)
    {
        var (kind, integer, number) = Classify(value, typed);
        switch (kind)
        {
            case JsonValueKind.Null:
                writer.WriteNullValue();
                break;
            case JsonValueKind.True or JsonValueKind.False:
                writer.WriteBooleanValue(kind == JsonValueKind.True);
                break;
            case JsonValueKind.Number when integer is { } whole:
                writer.WriteNumberValue(whole);
                break;
            case JsonValueKind.Number:
                writer.WriteNumberValue(number);
                break;
            default:
                writer.WriteStringValue(value);
                break;
        }

        return kind;
    }

    /// <summary>
    /// Whether a plain scalar may be typed as something other than a string: every null, boolean and number starts
    /// with one of a few characters, and most strings do not, which spares them the patterns.
    /// </summary>
    /// <param name="value">The scalar's text.</param>
    /// <returns><see langword="false"/> when the scalar is a string whatever it holds.</returns>
    public static bool MayBeTyped(ReadOnlySpan<char> value) =>
        value.Length == 0 || char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.' or '~'
            or 'n' or 'N' or 't' or 'T' or 'f' or 'F';

    private static (JsonValueKind Kind, long? Integer, decimal Number) Classify(string value, bool typed)
    {
        if (!typed || !MayBeTyped(value))
        {
            return (JsonValueKind.String, null, 0);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return (JsonValueKind.Null, null, 0);
        }

        if (value is "true" or "True" or "TRUE")
        {
            return (JsonValueKind.True, null, 0);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return (JsonValueKind.False, null, 0);
        }

        if (IntegerPattern().IsMatch(value)
            && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return (JsonValueKind.Number, integer, 0);
        }

        if (FloatPattern().IsMatch(value)
            && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return (JsonValueKind.Number, null, number);
        }

        return (JsonValueKind.String, null, 0);
    }

    /// <summary>
    /// Whether a string would read back as something other than the same string if written as a plain scalar: by a
    /// YAML 1.2 reader, by a YAML 1.1 reader such as kubectl's (<c>yes</c>, <c>on</c>, <c>1_000</c>, <c>0x1F</c>,
    /// sexagesimal numbers, dates, the merge key; see yaml.org/type), or at all (tabs, control characters, leading or
    /// trailing spaces).
    /// </summary>
    public static bool NeedsQuotes(string value) =>
        !PlainBeyondDoubt(value)
        && NeedsQuotesByPattern(value);

    /// <summary>
    /// A cheap test that passes most names and labels without the patterns: printable ASCII that starts with a
    /// letter and does not end with a space. Such a string is no number, date or null (those start with a digit,
    /// a sign, a dot or <c>~</c>), and no boolean or null word unless it starts with one of their letters and has at
    /// most five characters.
    /// </summary>
    private static bool PlainBeyondDoubt(string value)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]) || value[^1] == ' '
            || (value.Length <= 5 && value[0] is 'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O'))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static bool NeedsQuotesByPattern(string value) =>
        value.Length == 0
        || value is "~" or "null" or "Null" or "NULL" or "<<" or "="
        || Yaml11BooleanPattern().IsMatch(value)
        || value[0] == ' ' || value[^1] == ' '
        || value.Any(c => char.IsControl(c) || c is '\u0085' or '\u2028' or '\u2029' or '\uFEFF')
        || IntegerPattern().IsMatch(value)
        || FloatPattern().IsMatch(value)
        || OtherNumberPattern().IsMatch(value)
        || Yaml11IntegerPattern().IsMatch(value)
        || Yaml11FloatPattern().IsMatch(value)
        || Yaml11TimestampPattern().IsMatch(value);

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    // yaml.org/type/bool.html
    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Yaml11BooleanPattern();

    // yaml.org/type/int.html: binary, octal, decimal, hexadecimal, sexagesimal, all with underscores.
    [GeneratedRegex(
        "^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
        + "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$")]
    private static partial Regex Yaml11IntegerPattern();

    // yaml.org/type/float.html (its base 10 form also matches "1.2.3" and "."; quoting those costs nothing).
    [GeneratedRegex(
        @"^([-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*"
        + @"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Yaml11FloatPattern();

    // yaml.org/type/timestamp.html: a date, or a date and time; a prefix match suffices to quote.
    [GeneratedRegex(@"^[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \t]+|$)")]
    private static partial Regex Yaml11TimestampPattern();

    [GeneratedRegex(
        @"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|0x[0-9a-fA-F]+|0o[0-7]+"
            + @"|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$")]
    private static partial Regex OtherNumberPattern();
}

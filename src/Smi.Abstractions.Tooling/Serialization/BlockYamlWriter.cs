using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Writes a JSON object as a block YAML document exactly as <see cref="ManifestWriter"/>'s YamlDotNet emitter does
/// (two-space indent, sequences not indented under their key, empty collections in flow style, no line folding),
/// without the emitter's per-scalar analysis. It knows only printable ASCII strings and keys of at most 1,024
/// characters; a document with anything else is refused, and the caller writes it with the emitter.
/// </summary>
internal static class BlockYamlWriter
{
    // The emitter writes longer keys as complex keys ("? key").
    private const int MaxSimpleKeyLength = 1024;

    /// <summary>Writes a non-empty object as a document, or writes nothing and refuses it.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="obj">The object.</param>
    /// <returns>Whether the document was written.</returns>
    public static bool TryWrite(StringBuilder output, JsonObject obj)
    {
        var start = output.Length;
        if (obj.Count > 0 && WriteMapping(output, obj, 0, inSequence: false))
        {
            return true;
        }

        output.Length = start;
        return false;
    }

    /// <summary>
    /// The entries of a mapping, the first at the current position (after <c>- </c> in a sequence) and the others
    /// on lines of their own at <paramref name="indent"/>.
    /// </summary>
    private static bool WriteMapping(StringBuilder output, JsonObject obj, int indent, bool inSequence)
    {
        var first = true;
        foreach (var (key, value) in obj)
        {
            if (!first || !inSequence)
            {
                output.Append(' ', indent);
            }

            first = false;
            if (key.Length > MaxSimpleKeyLength || !WriteString(output, key))
            {
                return false;
            }

            output.Append(':');
            if (!WriteValue(output, value, indent))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A mapping's value, after its key and colon.</summary>
    private static bool WriteValue(StringBuilder output, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 } obj:
                output.Append('\n');
                return WriteMapping(output, obj, indent + 2, inSequence: false);
            case JsonArray { Count: > 0 } array:
                output.Append('\n');
                return WriteSequence(output, array, indent, inSequence: false);
            default:
                output.Append(' ');
                return WriteScalar(output, value) && Newline(output);
        }
    }

    /// <summary>The items of a sequence, each starting with <c>- </c> at <paramref name="indent"/>.</summary>
    private static bool WriteSequence(StringBuilder output, JsonArray array, int indent, bool inSequence)
    {
        var first = true;
        foreach (var item in array)
        {
            if (!first || !inSequence)
            {
                output.Append(' ', indent);
            }

            first = false;
            output.Append("- ");
            var written = item switch
            {
                JsonObject { Count: > 0 } obj => WriteMapping(output, obj, indent + 2, inSequence: true),
                JsonArray { Count: > 0 } nested => WriteSequence(output, nested, indent + 2, inSequence: true),
                _ => WriteScalar(output, item) && Newline(output),
            };
            if (!written)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Newline(StringBuilder output)
    {
        output.Append('\n');
        return true;
    }

    /// <summary>A scalar, or an empty collection in flow style.</summary>
    private static bool WriteScalar(StringBuilder output, JsonNode? node)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                return true;
            case JsonObject:
                output.Append("{}");
                return true;
            case JsonArray:
                output.Append("[]");
                return true;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        return WriteString(output, value.GetValue<string>());
                    case JsonValueKind.True:
                        output.Append("true");
                        return true;
                    case JsonValueKind.False:
                        output.Append("false");
                        return true;
                    default:
                        output.Append(value.ToJsonString());
                        return true;
                }

            default:
                return false;
        }
    }

    /// <summary>
    /// A string as the emitter writes it: double-quoted where <see cref="YamlJsonBridge.NeedsQuotes"/> asks for it,
    /// else plain where the emitter allows a plain scalar in block context, else single-quoted (double-quoted when
    /// it holds a single quote).
    /// </summary>
    private static bool WriteString(StringBuilder output, string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        // The emitter double-quotes a string with a single quote rather than single-quoting it.
        var plain = PlainAllowed(text);
        if (YamlJsonBridge.NeedsQuotes(text) || (!plain && text.Contains('\'', StringComparison.Ordinal)))
        {
            if (text.Contains('"', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal))
            {
                return false;
            }

            output.Append('"').Append(text).Append('"');
        }
        else if (plain)
        {
            output.Append(text);
        }
        else
        {
            output.Append('\'').Append(text).Append('\'');
        }

        return true;
    }

    /// <summary>
    /// Whether the emitter writes a printable ASCII string as a plain scalar in block context: no leading or trailing
    /// space, no document marker at the start, no indicator that starts a block construct (a leading indicator
    /// character, <c>- </c>, <c>? </c> or <c>: </c> at the start, <c>: </c> or a final colon anywhere, <c> #</c>).
    /// </summary>
    private static bool PlainAllowed(string text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[^1] == ' '
            || text.StartsWith("---", StringComparison.Ordinal) || text.StartsWith("...", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var followedBySpace = i + 1 == text.Length || text[i + 1] == ' ';
            if (i == 0)
            {
                if (c is '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"'
                    or '%' or '@' or '`')
                {
                    return false;
                }

                if (c is '?' or ':' or '-' && followedBySpace)
                {
                    return false;
                }
            }
            else if ((c == ':' && followedBySpace) || (c == '#' && text[i - 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }
}

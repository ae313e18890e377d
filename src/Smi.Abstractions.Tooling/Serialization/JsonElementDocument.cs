using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// An object already parsed as JSON (one listed or watched from the API server) as the document the loader's UTF-8
/// path reads: its UTF-8 JSON with the apiVersion and kind it was listed as, and the facts the YAML readers note,
/// found in one pass of a reader over the object's bytes under the same rule (<see cref="DocumentFields"/>).
/// </summary>
internal static class JsonElementDocument
{
    /// <summary>The most keys a mapping may have to be checked for a key given twice here.</summary>
    private const int MaxKeys = 64;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = YamlShapeCheck.MaxDepth + 1 };

    /// <summary>
    /// The object as a document with <paramref name="apiVersion"/> and <paramref name="kind"/>: each added at the end
    /// when missing, as setting them on the object's JSON nodes adds them. <see langword="null"/> when the object is
    /// not a mapping, nests too deep, has a key twice in a mapping (which its JSON nodes refuse), has an escaped key or
    /// a mapping of more than <see cref="MaxKeys"/> keys (left to the nodes rather than checked for keys given twice),
    /// or gives either of them another value, which only the JSON nodes replace.
    /// </summary>
    /// <param name="element">The object.</param>
    /// <param name="apiVersion">Its apiVersion.</param>
    /// <param name="kind">Its kind.</param>
    /// <returns>The document, or <see langword="null"/>.</returns>
    public static YamlJsonDocument? Read(JsonElement element, string apiVersion, string kind)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(element);
        var facts = new YamlJsonDocument { IsMapping = true };
        bool hasApiVersion, hasKind, hasAny;
        try
        {
            (hasApiVersion, hasKind, hasAny) = Walk(raw, facts);
        }
        catch (JsonException)
        {
            return null;
        }

        if ((hasApiVersion && facts.ApiVersion != apiVersion) || (hasKind && facts.Kind != kind))
        {
            return null;
        }

        facts.ApiVersion = apiVersion;
        facts.Kind = kind;
        facts.Utf8Json = hasApiVersion && hasKind ? raw.ToArray() : WithFields(
            raw, hasAny, hasApiVersion ? null : apiVersion, hasKind ? null : kind);
        return facts;
    }

    /// <summary>
    /// Notes the facts of the object at the start of <paramref name="utf8"/>; gives whether its root has an apiVersion,
    /// a kind, and any key.
    /// </summary>
    private static (bool ApiVersion, bool Kind, bool Any) Walk(ReadOnlySpan<byte> utf8, YamlJsonDocument facts)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        // The field each open mapping or list is; the depth of a mapping is the stack's count.
        Span<DocumentField> open = stackalloc DocumentField[YamlShapeCheck.MaxDepth + 2];
        Span<bool> isList = stackalloc bool[YamlShapeCheck.MaxDepth + 2];
        Span<char> keyChars = stackalloc char[64];
        // The keys of the open mappings, as (start, length) in the bytes; where each open mapping's keys start.
        Span<(int Start, int Length)> keys = stackalloc (int, int)[MaxKeys * 4];
        Span<int> firstKey = stackalloc int[YamlShapeCheck.MaxDepth + 2];
        var keyCount = 0;
        var depth = 0;
        var next = DocumentField.Other;
        bool apiVersion = false, kind = false, any = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    open[depth] = next;
                    isList[depth] = reader.TokenType == JsonTokenType.StartArray;
                    firstKey[depth] = keyCount;
                    depth++;
                    next = DocumentField.Other;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    keyCount = firstKey[depth];
                    DocumentFields.Note(
                        facts,
                        open[depth],
                        reader.TokenType == JsonTokenType.EndObject ? JsonValueKind.Object : JsonValueKind.Array,
                        null);
                    next = DocumentField.Other;
                    if (depth == 0)
                    {
                        return (apiVersion, kind, any);
                    }

                    break;
                case JsonTokenType.PropertyName:
                    keyCount = AddKey(
                        utf8,
                        reader.ValueIsEscaped || reader.HasValueSequence ? null : (int)reader.TokenStartIndex + 1,
                        reader.ValueSpan.Length,
                        keys,
                        firstKey[depth - 1],
                        keyCount);
                    facts.HasHeaders |= reader.ValueTextEquals("headers"u8);
                    any |= depth == 1;
                    // Keys longer than the buffer are spelled out on the heap; none the facts look at is as long.
                    scoped ReadOnlySpan<char> key = default;
                    if (DocumentFields.NeedsKey(open[depth - 1], depth))
                    {
                        key = reader.ValueSpan.Length <= keyChars.Length && !reader.HasValueSequence
                            ? keyChars[..reader.CopyString(keyChars)]
                            : reader.GetString();
                    }

                    next = DocumentFields.Of(open[depth - 1], depth, key);
                    apiVersion |= next == DocumentField.ApiVersion;
                    kind |= next == DocumentField.Kind;
                    break;
                default:
                    var valueKind = reader.TokenType switch
                    {
                        JsonTokenType.String => JsonValueKind.String,
                        JsonTokenType.Number => JsonValueKind.Number,
                        JsonTokenType.True => JsonValueKind.True,
                        JsonTokenType.False => JsonValueKind.False,
                        _ => JsonValueKind.Null,
                    };
                    var field = isList[depth - 1] ? DocumentField.Other : next;
                    var text = valueKind == JsonValueKind.String && DocumentFields.NeedsText(field)
                        ? reader.GetString() : null;
                    DocumentFields.Note(facts, field, valueKind, text);
                    next = DocumentField.Other;
                    break;
            }
        }

        throw new JsonException("the object ends early");
    }

    /// <summary>
    /// Adds the key at <paramref name="at"/> (null when escaped) to the keys of the mapping whose keys start at
    /// <paramref name="first"/>, and gives the keys' count; throws when the mapping has it already, or when it cannot
    /// tell.
    /// </summary>
    private static int AddKey(
        ReadOnlySpan<byte> utf8, int? at, int length, Span<(int Start, int Length)> keys, int first, int count)
    {
        if (at is not { } start || count - first >= MaxKeys || count == keys.Length)
        {
            throw new JsonException("the key is left to the JSON nodes");
        }

        var key = utf8.Slice(start, length);
        foreach (var (otherStart, otherLength) in keys[first..count])
        {
            if (utf8.Slice(otherStart, otherLength).SequenceEqual(key))
            {
                throw new JsonException("a key is given twice");
            }
        }

        keys[count] = (start, length);
        return count + 1;
    }

    /// <summary>The object with the fields given added at its end, in the order apiVersion, kind.</summary>
    private static byte[] WithFields(ReadOnlySpan<byte> raw, bool hasAny, string? apiVersion, string? kind)
    {
        var close = raw.LastIndexOf((byte)'}');
        var buffer = new ArrayBufferWriter<byte>(raw.Length + 64);
        buffer.Write(raw[..close]);
        Append(buffer, ref hasAny, "\"apiVersion\":"u8, apiVersion);
        Append(buffer, ref hasAny, "\"kind\":"u8, kind);
        buffer.Write(raw[close..]);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Append(ArrayBufferWriter<byte> buffer, ref bool hasAny, ReadOnlySpan<byte> key, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (hasAny)
        {
            buffer.Write(","u8);
        }

        buffer.Write(key);
        buffer.Write("\""u8);
        buffer.Write(JsonEncodedText.Encode(value).EncodedUtf8Bytes);
        buffer.Write("\""u8);
        hasAny = true;
    }
}

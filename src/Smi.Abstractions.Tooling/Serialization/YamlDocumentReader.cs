using System.Buffers;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Reads every document of a YAML (or JSON) stream with one parser, writing each document as UTF-8 JSON straight from
/// the parser's events: no text split per document, no second parse for the shape check, no YamlDotNet node tree and
/// no JSON nodes. It reads only what plain manifests hold. Anything else (a syntax error, anchors or aliases, nesting
/// deeper than <see cref="YamlShapeCheck.MaxDepth"/>, a duplicate or non-scalar key, a tag, a directive, an explicit
/// document end <c>...</c>) makes it give up on the whole stream, and the caller reads it document by document, which
/// reports each problem at its file and line.
/// </summary>
internal sealed class YamlDocumentReader
{
    private readonly IParser _parser;
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly List<HashSet<string>> _keysByDepth = [];

    private YamlDocumentReader(string text)
    {
        _parser = new Parser(new StringReader(text));
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Reads every document, or gives up.</summary>
    /// <param name="text">The stream.</param>
    /// <returns>
    /// Each document (without JSON for an empty document) and the line it starts on, counted as
    /// <see cref="ManifestLoader.SplitDocuments"/> counts it; or <see langword="null"/> when the stream needs the
    /// per-document reader.
    /// </returns>
    public static List<YamlJsonDocument>? TryRead(string text)
    {
        try
        {
            return new YamlDocumentReader(text).ReadAll();
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException
            or FormatException)
        {
            return null;
        }
    }

    private List<YamlJsonDocument>? ReadAll()
    {
        var documents = new List<YamlJsonDocument>();
        Expect<StreamStart>();
        while (!_parser.TryConsume<StreamEnd>(out _))
        {
            var start = Expect<DocumentStart>();
            // A version directive belongs to the next document, which the per-document reader handles as before;
            // tag directives are harmless, since a tagged node gives up below.
            if (start.Version is not null)
            {
                return null;
            }

            var rootLine = (int)_parser.Current!.Start.Line;
            // The line after "---", unless the document starts on the "---" line itself; an implicit first document
            // starts on the first line.
            var markerLine = (int)start.Start.Line;
            var firstLine = start.IsImplicit ? 1 : rootLine == markerLine ? markerLine : markerLine + 1;
            var document = ReadDocument(firstLine);
            if (!Expect<DocumentEnd>().IsImplicit)
            {
                return null;
            }

            documents.Add(document);
        }

        return documents;
    }

    private YamlJsonDocument ReadDocument(int firstLine)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var document = new YamlJsonDocument { FirstLine = firstLine };
        var kind = ReadNode(1, document, DocumentField.Other);
        _writer.Flush();
        if (kind == JsonValueKind.Null)
        {
            return new YamlJsonDocument { FirstLine = firstLine };
        }

        document.Utf8Json = _buffer.WrittenSpan.ToArray();
        document.IsMapping = kind == JsonValueKind.Object;
        return document;
    }

    private T Expect<T>()
        where T : ParsingEvent =>
        _parser.TryConsume<T>(out var found) ? found : throw GiveUp();

    /// <summary>Writes one node and gives its kind; <paramref name="field"/> says which field the node is.</summary>
    private JsonValueKind ReadNode(int depth, YamlJsonDocument facts, DocumentField field)
    {
        switch (_parser.Current)
        {
            case Scalar scalar when scalar.Anchor.IsEmpty && Untagged(scalar.Tag):
                _parser.MoveNext();
                var kind = YamlJsonBridge.WriteScalar(_writer, scalar.Value, scalar.Style == ScalarStyle.Plain);
                DocumentFields.Note(facts, field, kind, scalar.Value);
                return kind;
            case MappingStart mapping
                when mapping.Anchor.IsEmpty && Untagged(mapping.Tag) && depth <= YamlShapeCheck.MaxDepth:
                _parser.MoveNext();
                _writer.WriteStartObject();
                var keys = KeysAt(depth);
                while (!_parser.TryConsume<MappingEnd>(out _))
                {
                    if (_parser.Current is not Scalar { Anchor.IsEmpty: true } key || !Untagged(key.Tag)
                        || !keys.Add(key.Value))
                    {
                        throw GiveUp();
                    }

                    _parser.MoveNext();
                    _writer.WritePropertyName(key.Value);
                    facts.HasHeaders |= key.Value == "headers";
                    ReadNode(depth + 1, facts, DocumentFields.Of(field, depth, key.Value));
                }

                keys.Clear();
                _writer.WriteEndObject();
                DocumentFields.Note(facts, field, JsonValueKind.Object, null);
                return JsonValueKind.Object;
            case SequenceStart sequence
                when sequence.Anchor.IsEmpty && Untagged(sequence.Tag) && depth <= YamlShapeCheck.MaxDepth:
                _parser.MoveNext();
                _writer.WriteStartArray();
                while (!_parser.TryConsume<SequenceEnd>(out _))
                {
                    ReadNode(depth + 1, facts, DocumentField.Other);
                }

                _writer.WriteEndArray();
                DocumentFields.Note(facts, field, JsonValueKind.Array, null);
                return JsonValueKind.Array;
            default:
                throw GiveUp();
        }
    }

    private HashSet<string> KeysAt(int depth)
    {
        while (_keysByDepth.Count < depth)
        {
            _keysByDepth.Add(new HashSet<string>(StringComparer.Ordinal));
        }

        return _keysByDepth[depth - 1];
    }

    private static bool Untagged(TagName tag) => tag.IsEmpty || tag.IsNonSpecific;

    /// <summary>The stream holds something only the per-document reader reports properly.</summary>
    private static YamlException GiveUp() => new("not a plain manifest stream");
}

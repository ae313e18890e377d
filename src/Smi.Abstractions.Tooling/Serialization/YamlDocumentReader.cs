using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Reads every document of a YAML (or JSON) stream with one parser, building each document's JSON straight from the
/// parser's events: no text split per document, no second parse for the shape check and no YamlDotNet node tree.
/// It reads only what plain manifests hold. Anything else (a syntax error, anchors or aliases, nesting deeper than
/// <see cref="YamlShapeCheck.MaxDepth"/>, a duplicate or non-scalar key, a tag, a directive, an explicit document
/// end <c>...</c>) makes it give up on the whole stream, and the caller reads it document by document, which reports
/// each problem at its file and line.
/// </summary>
internal static class YamlDocumentReader
{
    /// <summary>Reads every document, or gives up.</summary>
    /// <param name="text">The stream.</param>
    /// <returns>
    /// Each document's root (<see langword="null"/> for an empty document) and the line it starts on, counted as
    /// <see cref="ManifestLoader.SplitDocuments"/> counts it; or <see langword="null"/> when the stream needs the
    /// per-document reader.
    /// </returns>
    public static List<(JsonNode? Root, int FirstLine)>? TryRead(string text)
    {
        var documents = new List<(JsonNode? Root, int FirstLine)>();
        try
        {
            var parser = new Parser(new StringReader(text));
            Expect<StreamStart>(parser);
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                var start = Expect<DocumentStart>(parser);
                // A version directive belongs to the next document, which the per-document reader handles as before;
                // tag directives are harmless, since a tagged node gives up below.
                if (start.Version is not null)
                {
                    return null;
                }

                var rootLine = (int)parser.Current!.Start.Line;
                var root = ReadNode(parser, 1);
                var end = Expect<DocumentEnd>(parser);
                if (!end.IsImplicit)
                {
                    return null;
                }

                // The line after "---", unless the document starts on the "---" line itself; an implicit first
                // document starts on the first line.
                var markerLine = (int)start.Start.Line;
                var firstLine = start.IsImplicit ? 1 : rootLine == markerLine ? markerLine : markerLine + 1;
                documents.Add((root, firstLine));
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException
            or FormatException)
        {
            return null;
        }

        return documents;
    }

    private static T Expect<T>(IParser parser)
        where T : ParsingEvent =>
        parser.TryConsume<T>(out var found) ? found : throw GiveUp();

    private static JsonNode? ReadNode(IParser parser, int depth)
    {
        var current = parser.Current;
        switch (current)
        {
            case Scalar scalar when scalar.Anchor.IsEmpty && Untagged(scalar.Tag):
                parser.MoveNext();
                return YamlJsonBridge.ScalarToJson(scalar.Value, scalar.Style == ScalarStyle.Plain);
            case MappingStart mapping
                when mapping.Anchor.IsEmpty && Untagged(mapping.Tag) && depth <= YamlShapeCheck.MaxDepth:
                parser.MoveNext();
                var obj = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (parser.Current is not Scalar { Anchor.IsEmpty: true } key || !Untagged(key.Tag))
                    {
                        throw GiveUp();
                    }

                    parser.MoveNext();
                    if (!obj.TryAdd(key.Value, ReadNode(parser, depth + 1)))
                    {
                        throw GiveUp();
                    }
                }

                return obj;
            case SequenceStart sequence
                when sequence.Anchor.IsEmpty && Untagged(sequence.Tag) && depth <= YamlShapeCheck.MaxDepth:
                parser.MoveNext();
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode(parser, depth + 1));
                }

                return array;
            default:
                throw GiveUp();
        }
    }

    private static bool Untagged(TagName tag) => tag.IsEmpty || tag.IsNonSpecific;

    /// <summary>The stream holds something only the per-document reader reports properly.</summary>
    private static YamlException GiveUp() => new("not a plain manifest stream");
}

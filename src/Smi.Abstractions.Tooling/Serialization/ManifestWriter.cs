using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// Writes objects as multi-document YAML or as a JSON <c>List</c>, byte-stable: keys in the objects' own order,
/// strings quoted wherever a plain scalar would read back as another type.
/// </summary>
public static class ManifestWriter
{
    private static readonly EmitterSettings Settings = new(2, int.MaxValue, false, 1024, false, false, "\n");

    /// <summary>Writes objects as YAML documents separated by <c>---</c>.</summary>
    /// <param name="objects">The objects.</param>
    /// <returns>The YAML text (empty for no objects).</returns>
    public static string ToYaml(IEnumerable<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        using var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteYaml(output, objects);
        return output.ToString();
    }

    /// <summary>
    /// Writes objects as YAML documents separated by <c>---</c>, one document at a time as the objects are
    /// enumerated: the same text as <see cref="ToYaml(IEnumerable{JsonObject})"/>, without holding all of it.
    /// </summary>
    /// <param name="output">Where to write.</param>
    /// <param name="objects">The objects.</param>
    public static void WriteYaml(TextWriter output, IEnumerable<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(objects);

        // Each document after the first starts with "---" on a line of its own. Documents are written straight from
        // the objects; one the block writer refuses (a string beyond printable ASCII, a very long key) and an empty
        // mapping get an emitter of their own, as ToYaml(node) writes them. Every document ends with a line break,
        // so normalizing the line endings of each document alone gives the text normalizing all of it would.
        var document = new StringBuilder();
        using var writer = new StringWriter(document, CultureInfo.InvariantCulture) { NewLine = "\n" };
        var first = true;
        foreach (var obj in objects)
        {
            document.Clear();
            if (!BlockYamlWriter.TryWrite(document, obj))
            {
                WriteDocument(writer, obj);
            }

            output.Write(first ? string.Empty : "---\n");
            first = false;
            output.Write(document.ToString().ReplaceLineEndings("\n"));
        }
    }

    /// <summary>Writes one object as a YAML document, without a leading <c>---</c>.</summary>
    /// <param name="node">The object.</param>
    /// <returns>The YAML text.</returns>
    public static string ToYaml(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var output = new StringBuilder();
        if (node is JsonObject obj && BlockYamlWriter.TryWrite(output, obj))
        {
            return output.ToString().ReplaceLineEndings("\n");
        }

        using var writer = new StringWriter(output, CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteDocument(writer, node);
        return writer.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Writes one object with YamlDotNet's emitter alone, as the block writer must write it too.</summary>
    internal static string ToYamlWithEmitter(JsonNode node)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        WriteDocument(writer, node);
        return writer.ToString().ReplaceLineEndings("\n");
    }

    private static void WriteDocument(TextWriter writer, JsonNode node)
    {
        var emitter = new Emitter(writer, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
    }

    /// <summary>Writes a typed Kubernetes object as YAML.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The YAML text.</returns>
    public static string ToYaml(object obj) => ToYaml(ToJsonObject(obj));

    /// <summary>Serializes a typed Kubernetes object to a JSON object, leaving out nulls.</summary>
    /// <param name="obj">The object.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject ToJsonObject(object obj) => JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();

    /// <summary>Writes objects as an indented JSON <c>v1 List</c>.</summary>
    /// <param name="objects">The objects.</param>
    /// <returns>The JSON text with a trailing newline.</returns>
    public static string ToJsonList(IEnumerable<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var list = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "List",
            ["items"] = new JsonArray([.. objects.Select(o => (JsonNode)o.DeepClone())]),
        };
        return list.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject obj:
                emitter.Emit(new MappingStart(
                    null, null, true, obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                emitter.Emit(new SequenceStart(
                    null, null, true, array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in array)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        emitter.Emit(new Scalar(null, null, "true", ScalarStyle.Plain, true, false));
                        break;
                    case JsonValueKind.False:
                        emitter.Emit(new Scalar(null, null, "false", ScalarStyle.Plain, true, false));
                        break;
                    default:
                        emitter.Emit(new Scalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                        break;
                }

                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = YamlJsonBridge.NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }
}

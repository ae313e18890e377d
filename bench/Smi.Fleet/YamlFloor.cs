using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Smi.Fleet;

/// <summary>
/// The floor translation is measured against: YamlDotNet alone reading the same input documents into its
/// representation model and writing the same output documents with its <see cref="Serializer"/>.
/// </summary>
public sealed class YamlFloor
{
    private readonly ISerializer _serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    /// <summary>Reads every YAML file of a folder, in the order the CLI reads them.</summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The number of documents read.</returns>
    public static int Read(string directory)
    {
        var documents = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            documents += stream.Documents.Count;
        }

        return documents;
    }

    /// <summary>Writes documents as a multi-document YAML stream.</summary>
    /// <param name="documents">The documents as plain objects (see <see cref="ToPlain"/>).</param>
    /// <param name="writer">Where to write.</param>
    public void Write(IReadOnlyList<object?> documents, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(writer);
        for (var i = 0; i < documents.Count; i++)
        {
            if (i > 0)
            {
                writer.Write("---\n");
            }

            _serializer.Serialize(writer, documents[i]);
        }
    }

    /// <summary>Turns JSON into the objects YamlDotNet serializes: dictionaries, lists and scalars.</summary>
    /// <param name="node">The JSON.</param>
    /// <returns>The plain object.</returns>
    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetValue<long>(out var integer) ? integer : value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}

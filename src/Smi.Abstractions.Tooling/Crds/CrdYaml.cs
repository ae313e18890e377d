using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using YamlDotNet.RepresentationModel;

namespace Smi.Abstractions.Crds;

/// <summary>Reads every document of a YAML text as JSON, with the YAML 1.2 core schema for plain scalars.</summary>
internal static class CrdYaml
{
    /// <summary>Parses all documents.</summary>
    /// <param name="text">The YAML text.</param>
    /// <returns>The documents; empty documents are left out.</returns>
    /// <exception cref="YamlDotNet.Core.YamlException">The text is not YAML.</exception>
    /// <exception cref="YamlFieldException">A mapping repeats a key.</exception>
    public static IReadOnlyList<JsonNode> ReadDocuments(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var documents = new List<JsonNode>();
        foreach (var document in stream.Documents)
        {
            if (YamlJsonBridge.ToJson(document.RootNode, string.Empty) is { } node)
            {
                documents.Add(node);
            }
        }

        return documents;
    }

    /// <summary>Parses all documents that are mappings.</summary>
    /// <param name="text">The YAML text.</param>
    /// <returns>The objects.</returns>
    public static IReadOnlyList<JsonObject> ReadObjects(string text) => [.. ReadDocuments(text).OfType<JsonObject>()];
}

using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace Smi.Testing.ApiServer;

/// <summary>Reads CustomResourceDefinitions from files and folders of multi-document YAML, skipping what does not parse.</summary>
internal static class CrdLoader
{
    public static IReadOnlyList<JsonObject> Load(IEnumerable<string> paths)
    {
        var result = new List<JsonObject>();
        foreach (var path in paths)
        {
            IEnumerable<string> files = Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                : File.Exists(path) ? [path] : throw new FileNotFoundException("No CRD file or folder at " + path, path);
            foreach (var file in files)
            {
                result.AddRange(LoadFile(file));
            }
        }

        return result;
    }

    private static IEnumerable<JsonObject> LoadFile(string file)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlJson.ParseAll(File.ReadAllText(file));
        }
        catch (YamlException)
        {
            return [];
        }

        return documents.OfType<JsonObject>().Where(IsCrd).ToList();
    }

    private static bool IsCrd(JsonObject document) =>
        document["kind"] is JsonValue kind && kind.TryGetValue<string>(out var text) && text == "CustomResourceDefinition"
        && document["spec"] is JsonObject;
}

using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using Smi.Testing;
using YamlDotNet.RepresentationModel;

namespace Smi.Abstractions.Tests.Crds;

/// <summary>
/// The search for unknown fields alone finds what the full schema check reports as unknown fields, in the same order:
/// on every SMI object of the golden inputs, as written and with a stray field added to each of its mappings.
/// </summary>
public sealed class UnknownFieldSearchTests
{
    [Fact]
    public void UnknownFields_AreTheFullChecksUnknownFields()
    {
        var objects = SmiObjects().ToList();
        Assert.True(objects.Count > 100, $"only {objects.Count} SMI objects found");
        var found = 0;
        foreach (var obj in objects.Concat(objects.Select(WithStrayFields)))
        {
            var expected = SmiFieldCheck.Catalog.Validate(obj)
                .Where(v => v.Message.StartsWith("unknown field", StringComparison.Ordinal))
                .ToList();
            var actual = SmiFieldCheck.Catalog.UnknownFields(obj);
            Assert.True(expected.SequenceEqual(actual), $"differs on {obj.ToJsonString()}");
            found += actual.Count;
        }

        // The stray fields are found: the comparison is not between two empty lists.
        Assert.True(found > objects.Count, $"only {found} unknown fields found");
    }

    private static IEnumerable<JsonObject> SmiObjects()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.TestData, "input*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(File.ReadAllText(file)));
            }
            catch (YamlDotNet.Core.YamlException)
            {
                continue;
            }

            foreach (var document in stream.Documents)
            {
                if (YamlJsonBridge.ToJson(document.RootNode, string.Empty) is JsonObject obj
                    && obj["apiVersion"]?.ToString().Contains("smi-spec.io", StringComparison.Ordinal) == true)
                {
                    yield return obj;
                }
            }
        }
    }

    private static JsonObject WithStrayFields(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        Add(copy);
        return copy;

        static void Add(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject mapping:
                    foreach (var (_, child) in mapping.ToList())
                    {
                        Add(child);
                    }

                    mapping["strayField"] = 1;
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Add(item);
                    }

                    break;
            }
        }
    }
}

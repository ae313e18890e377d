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

    [Fact]
    public void UnknownFieldsOnUtf8_AreTheNodeWalksUnknownFields()
    {
        var objects = SmiObjects().ToList();
        var found = 0;
        foreach (var obj in objects.Concat(objects.Select(WithStrayFields)).Concat(objects.Select(WithWrongTypes)))
        {
            var expected = SmiFieldCheck.UnknownFields(obj).ToList();
            var utf8 = System.Text.Encoding.UTF8.GetBytes(obj.ToJsonString());
            var actual = SmiFieldCheck.UnknownFields(
                obj["apiVersion"]!.GetValue<string>(), obj["kind"]!.GetValue<string>(), utf8).ToList();
            Assert.True(expected.SequenceEqual(actual), $"differs on {obj.ToJsonString()}");
            found += actual.Count;
        }

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

    // Every field of the spec given a value of another shape, a null or a list of nulls in turn, with a stray field
    // next to it: the walk must neither descend into a value of the wrong type nor stop at a null.
    private static JsonObject WithWrongTypes(JsonObject obj, int index)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (copy["spec"] is JsonObject spec)
        {
            var keys = spec.Select(p => p.Key).ToList();
            for (var i = 0; i < keys.Count; i++)
            {
                spec[keys[i]] = ((i + index) % 4) switch
                {
                    0 => null,
                    1 => new JsonArray(null, new JsonObject { ["strayField"] = 1 }),
                    2 => new JsonObject { ["strayField"] = new JsonArray(1) },
                    _ => "text",
                };
            }

            spec["strayField"] = new JsonObject { ["nested"] = 1 };
        }

        return copy;
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

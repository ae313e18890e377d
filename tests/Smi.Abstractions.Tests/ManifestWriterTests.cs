using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;

namespace Smi.Abstractions.Tests;

public class ManifestWriterTests
{
    [Fact]
    public void Quotes_StringsThatWouldReadAsOtherTypes_AndRoundTrips()
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "x" },
            ["data"] = new JsonObject { ["port"] = "8080", ["flag"] = "true", ["empty"] = "", ["regex"] = "^(?:/api/.*).*$", ["count"] = 3, ["list"] = new JsonArray() },
        };
        var yaml = ManifestWriter.ToYaml(obj);
        Assert.Contains("port: \"8080\"", yaml, StringComparison.Ordinal);
        Assert.Contains("flag: \"true\"", yaml, StringComparison.Ordinal);
        Assert.Contains("count: 3", yaml, StringComparison.Ordinal);
        Assert.Contains("list: []", yaml, StringComparison.Ordinal);
        var loaded = new ManifestLoader().LoadText(yaml, "out.yaml");
        Assert.Contains(loaded.Diagnostics, d => d.Reason == "IgnoredKind");
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        var back = YamlJsonBridge.ToJson(stream.Documents[0].RootNode, string.Empty)!;
        Assert.True(JsonNode.DeepEquals(obj, back), back.ToJsonString());
    }

    [Fact]
    public void ToYaml_OfSeveralObjects_IsEachDocumentJoinedByMarkerLines()
    {
        JsonObject[] objects =
        [
            new() { ["kind"] = "A", ["spec"] = new JsonObject { ["ports"] = new JsonArray(80, "http") } },
            new(),
            new() { ["kind"] = "yes", ["data"] = new JsonObject(), ["text"] = "two\nlines", ["on"] = null },
        ];
        var expected = string.Join("---\n", objects.Select(o => ManifestWriter.ToYaml(o)));
        Assert.Equal(expected, ManifestWriter.ToYaml(objects));
        Assert.Equal(string.Empty, ManifestWriter.ToYaml(Array.Empty<JsonObject>()));
    }
}

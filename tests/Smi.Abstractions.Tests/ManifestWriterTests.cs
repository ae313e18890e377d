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
}

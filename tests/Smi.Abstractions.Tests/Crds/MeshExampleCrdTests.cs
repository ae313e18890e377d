using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Abstractions.Tests.Crds;

public class MeshExampleCrdTests(ITestOutputHelper output)
{
    public static TheoryData<string, string[]> Examples => new()
    {
        { "istio.yaml", ["istio"] },
        { "linkerd.yaml", ["linkerd", "gateway-api/v1.2.1/standard"] },
        { "consul.yaml", ["consul"] },
        { "smi-input.yaml", ["smi"] },
        { "gateway-api-gamma.yaml", ["gateway-api/v1.5.1/experimental"] },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_ValidatesAgainstRealCrds(string example, string[] folders)
    {
        var crds = RepositoryPaths.Crds;
        var examples = RepositoryPaths.MeshExamples;
        var catalog = CrdCatalog.Load(folders.Select(f => Path.Combine(crds, f)));
        var documents = CrdYaml.ReadObjects(File.ReadAllText(Path.Combine(examples, example)));

        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            var name = $"{document["apiVersion"]} {document["kind"]} {document["metadata"]?["name"]}";
            Assert.True(catalog.Serves(document["apiVersion"]!.GetValue<string>(), document["kind"]!.GetValue<string>()), $"not served: {name}");
            var violations = catalog.Validate(document);
            Assert.True(violations.Count == 0, $"{name}: {string.Join("; ", violations)}");

            // The same object with a misspelt field must be refused: the schema is really being applied.
            var broken = (JsonObject)document.DeepClone();
            broken["spec"]!["zzUnknown"] = 1;
            Assert.Contains(new CrdViolation("spec.zzUnknown", "unknown field"), catalog.Validate(broken));
        }

        output.WriteLine($"{documents.Count} documents of {example} valid against {catalog.Definitions.Count} CRDs; skipped {catalog.SkippedFiles.Count} files");
    }

    [Fact]
    public void SkipsHelmTemplates_AndCatchesAnUnknownFieldInARealSchema()
    {
        var crds = RepositoryPaths.Crds;
        var examples = RepositoryPaths.MeshExamples;
        var catalog = CrdCatalog.Load([Path.Combine(crds, "consul")]);
        Assert.NotEmpty(catalog.SkippedFiles);
        Assert.All(catalog.SkippedFiles, f => Assert.Contains("helm-templates", f, StringComparison.Ordinal));

        var istio = CrdCatalog.Load([Path.Combine(crds, "istio")]);
        var virtualService = CrdYaml.ReadObjects(File.ReadAllText(Path.Combine(examples, "istio.yaml")))
            .First(d => d["kind"]!.GetValue<string>() == "VirtualService");
        var route = virtualService["spec"]!["http"]!.AsArray().Last()!["route"]!.AsArray()[0]!.AsObject();
        route["wieght"] = 5;
        route["weight"] = "five";
        var violations = istio.Validate(virtualService);
        Assert.Contains(violations, v => v.Path.EndsWith("route[0].wieght", StringComparison.Ordinal) && v.Message == "unknown field");
        Assert.Contains(violations, v => v.Path.EndsWith("route[0].weight", StringComparison.Ordinal) && v.Message.Contains("integer", StringComparison.Ordinal));
    }
}

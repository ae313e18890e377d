using System.Text.Json.Nodes;
using CsCheck;
using Smi.Abstractions.Serialization;
using Smi.Testing;
using YamlDotNet.RepresentationModel;

namespace Smi.Abstractions.Tests.YamlOutput;

/// <summary>
/// Every document the writer emits reads back to the same values under YAML 1.2 (YamlDotNet) and under YAML 1.1
/// (kubectl's rules): strings that 1.1 would type as numbers, booleans, nulls or dates are quoted, and so are tabs
/// and control characters.
/// </summary>
public class YamlRoundTripTests
{
    private static readonly string Seed = PropertySeed.Or("0000G7YAML11");

    private static readonly string[] Tricky =
    [
        "1_000", "yes", "Yes", "no", "on", "OFF", "y", "N", "~", "null", "2001-01-01", "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5", "0x1F", "0b1010", "0o17", "017", "190:20:30", "1:30.5", ".inf", "-.Inf", ".NaN",
        "1.2.3", ".", "1e5", "1.5e+3", "+12", "-0", "<<", "=", "a\tb", "\t", "tab\t", " lead", "trail ", "a\u0001b",
        "line\nbreak", "\u0085", "\u2028", "\uFEFFbom", "é", "日本", "#hash", "- dash", "key: value", "[a]", "{b}",
        "*alias", "&anchor", "!tag", "%pct", "@at", "`tick", "'single'", "\"double\"", "? q", "| bar", "> gt", "",
    ];

    public static TheoryData<string> EmittedFiles()
    {
        var data = new TheoryData<string>();
        var roots = new[] { RepositoryPaths.TestData, Path.Combine(RepositoryPaths.Root, "deploy", "kustomize") };
        foreach (var file in roots.SelectMany(r => Directory.EnumerateFiles(r, "*.yaml", SearchOption.AllDirectories))
            .Where(f => Path.GetFileName(f) is not "input.yaml" and not "kustomization.yaml")
            .Where(f => !f.Contains("mesh-examples", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EmittedFiles))]
    public void Golden_Output_Reads_The_Same_Under_Yaml_1_1_And_1_2(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath));

        AssertSameUnderBoth(text, relativePath);
    }

    [Theory]
    [MemberData(nameof(EmittedFiles))]
    public void Golden_Output_Written_Again_Reads_Back_To_The_Same_Values(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var documents = stream.Documents.Select(d => YamlJsonBridge.ToJson(d.RootNode, string.Empty))
            .OfType<JsonObject>().ToList();

        var written = ManifestWriter.ToYaml(documents);

        Assert.Equal(documents.Count, CanonicalYaml.Read(written, ScalarResolver.Yaml12).Count);
        Assert.Equal(CanonicalYaml.Read(text, ScalarResolver.Yaml12).Where(d => d != "null"),
            CanonicalYaml.Read(written, ScalarResolver.Yaml12));
        AssertSameUnderBoth(written, relativePath + " (written again)");
    }

    [Fact]
    public void Tricky_Strings_Read_Back_As_Themselves()
    {
        foreach (var value in Tricky)
        {
            AssertStringRoundTrips(value);
        }
    }

    [Theory]
    [InlineData("1_000")]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("~")]
    [InlineData("2001-01-01")]
    [InlineData("0x1F")]
    [InlineData(".inf")]
    [InlineData("a\tb")]
    public void Strings_Yaml_1_1_Would_Retype_Are_Quoted(string value)
    {
        var yaml = ManifestWriter.ToYaml(new JsonObject { ["v"] = value });

        Assert.DoesNotContain("v: " + value + "\n", yaml, StringComparison.Ordinal);
        AssertStringRoundTrips(value);
    }

    [Fact]
    public void Generated_Strings_Read_Back_As_Themselves()
    {
        var piece = Gen.OneOf(
            Gen.Int[0, Tricky.Length - 1].Select(i => Tricky[i]),
            Gen.String[Gen.Char["0123456789_.:-+eExXbBoOyYnNtTfF \t~<=#'\"é日\u0001"], 0, 12],
            Gen.Int[int.MinValue, int.MaxValue]
                .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var values = Gen.Select(piece, piece, Gen.Int[0, 2], (a, b, how) => how switch
        {
            0 => a,
            1 => a + b,
            _ => a + " " + b,
        });
        values.Sample(
            AssertStringRoundTrips,
            seed: Seed,
            iter: 20_000,
            threads: 1,
            print: v => System.Text.Json.JsonSerializer.Serialize(v));
    }

    private static void AssertStringRoundTrips(string value)
    {
        var yaml = ManifestWriter.ToYaml(new JsonObject { ["v"] = value, ["l"] = new JsonArray(value) });
        var expected = "{str:l=[str:" + value + "];str:v=str:" + value + ";}";
        var as12 = Assert.Single(CanonicalYaml.Read(yaml, ScalarResolver.Yaml12));
        var as11 = Assert.Single(CanonicalYaml.Read(yaml, ScalarResolver.Yaml11));
        if (as12 != expected || as11 != expected)
        {
            throw new InvalidOperationException(
                $"{System.Text.Json.JsonSerializer.Serialize(value)} was written as:\n{yaml}\nYAML 1.2 reads {as12}\n"
                + $"YAML 1.1 reads {as11}");
        }
    }

    private static void AssertSameUnderBoth(string yaml, string name)
    {
        var as12 = CanonicalYaml.Read(yaml, ScalarResolver.Yaml12);
        var as11 = CanonicalYaml.Read(yaml, ScalarResolver.Yaml11);
        Assert.Equal(as12.Count, as11.Count);
        for (var i = 0; i < as12.Count; i++)
        {
            Assert.True(
                as12[i] == as11[i],
                $"{name}, document {i + 1}: YAML 1.1 reads\n{as11[i]}\nYAML 1.2 reads\n{as12[i]}");
        }
    }
}

using System.Text.Json.Nodes;
using CsCheck;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Validation;
using Smi.Testing;

namespace Smi.Abstractions.Tests.Validation;

/// <summary>
/// The shared rules (<see cref="KubernetesNames"/>, <see cref="SmiBounds"/>) and the generated CRD schema agree on
/// generated values: each refuses exactly what the other refuses. A failure prints the value and the seed.
/// </summary>
public class BoundsSchemaAgreementPropertyTests
{
    private static readonly string Seed = PropertySeed.Or("0000BOUNDS17");
    private static readonly CrdCatalog Generated = CrdCatalog.FromObjects(SmiCrdGenerator.Generate());

    // v1alpha1 is served only by the install CRDs, which serve every version through the conversion webhook.
    private static readonly CrdCatalog EveryVersion =
        CrdCatalog.FromObjects(SmiCrdGenerator.Generate(serveEveryVersion: true));

    private static readonly Gen<string> NameGen = Gen.OneOf(
        Gen.String[Gen.Char["abz09-.A_\n\u0001/"], 1, 8],
        Gen.String[Gen.Char["a-"], 60, 66]);

    [Fact]
    public void ServiceNames_LabelRule_And_Schema_Agree() =>
        NameGen.Sample(
            name =>
            {
                var violations = Generated.Validate(Split(name, 1));
                var schemaRefuses = violations.Any(v => v.Path == "spec.service");
                Assert.True(
                    (KubernetesNames.LabelProblem(name) is not null) == schemaRefuses,
                    $"service {KubernetesNames.Quote(name)}: rule {KubernetesNames.LabelProblem(name) ?? "accepts"}, "
                    + $"schema {(schemaRefuses ? "refuses" : "accepts")}");
            },
            seed: Seed,
            iter: 2000,
            threads: 1,
            print: KubernetesNames.Quote);

    [Fact]
    public void Weights_Bound_And_Schema_Agree() =>
        Gen.OneOf(Gen.Long[-3, 3], Gen.Long[SmiBounds.MaxWeight - 3, SmiBounds.MaxWeight + 3], Gen.Long).Sample(
            weight =>
            {
                var schemaRefuses = Generated.Validate(Split("web", weight))
                    .Any(v => v.Path == "spec.backends[0].weight");
                Assert.Equal(weight is < 0 or > SmiBounds.MaxWeight, schemaRefuses);
            },
            seed: Seed,
            iter: 2000,
            threads: 1);

    [Fact]
    public void V1alpha1IntegerWeights_Bound_And_Schema_Agree() =>
        Gen.OneOf(Gen.Long[-3, 3], Gen.Long[SmiBounds.MaxWeight - 3, SmiBounds.MaxWeight + 3], Gen.Long).Sample(
            weight =>
            {
                var schemaRefuses = EveryVersion.Validate(Split("web", JsonValue.Create(weight), "v1alpha1"))
                    .Any(v => v.Path == "spec.backends[0].weight");
                Assert.Equal(weight is < 0 or > SmiBounds.MaxWeight, schemaRefuses);
            },
            seed: Seed,
            iter: 2000,
            threads: 1);

    /// <summary>
    /// v1alpha1 quantity strings: the schema takes the decimal, milli-unit, suffixed and exponent forms that stay below
    /// the weight bound and refuses negative values and forms that could exceed it (written as integers instead).
    /// </summary>
    [Theory]
    [InlineData("1", false)]
    [InlineData("500m", false)]
    [InlineData("0.25", false)]
    [InlineData("999999999", false)]
    [InlineData("999999999999m", false)]
    [InlineData("2147483648", true)]
    [InlineData("10000000000", true)]
    [InlineData("9999999999999m", true)]
    [InlineData("-1", true)]
    [InlineData("1e19", true)]
    [InlineData("3Gi", true)]
    [InlineData("1k", false)]
    [InlineData("999999.5k", false)]
    [InlineData("1000000k", true)]
    [InlineData("2.5M", false)]
    [InlineData("4Ki", false)]
    [InlineData("999Mi", false)]
    [InlineData("1Gi", true)]
    [InlineData("1e3", false)]
    [InlineData("1e9", true)]
    [InlineData("1\n", true)]
    public void V1alpha1QuantityStrings_OutOfRange_AreRefusedBySchema(string quantity, bool refused)
    {
        var violations = EveryVersion.Validate(Split("web", JsonValue.Create(quantity.Replace("\\n", "\n",
            StringComparison.Ordinal)), "v1alpha1"));

        Assert.Equal(refused, violations.Any(v => v.Path == "spec.backends[0].weight"));
    }

    [Fact]
    public void Ports_Bound_And_Schema_Agree() =>
        Gen.OneOf(Gen.Int[-2, 2], Gen.Int[SmiBounds.MaxPort - 2, SmiBounds.MaxPort + 2], Gen.Int).Sample(
            port =>
            {
                var route = new JsonObject
                {
                    ["apiVersion"] = "specs.smi-spec.io/v1alpha4",
                    ["kind"] = "TCPRoute",
                    ["metadata"] = new JsonObject { ["name"] = "tcp", ["namespace"] = "shop" },
                    ["spec"] = new JsonObject
                    {
                        ["matches"] = new JsonObject { ["ports"] = new JsonArray(port) },
                    },
                };
                var schemaRefuses = Generated.Validate(route).Any(v => v.Path == "spec.matches.ports[0]");
                Assert.Equal(port is < SmiBounds.MinPort or > SmiBounds.MaxPort, schemaRefuses);
            },
            seed: Seed,
            iter: 2000,
            threads: 1);

    private static JsonObject Split(string service, long weight) =>
        Split(service, JsonValue.Create(weight), "v1alpha4");

    private static JsonObject Split(string service, JsonNode weight, string version) => new()
    {
        ["apiVersion"] = "split.smi-spec.io/" + version,
        ["kind"] = "TrafficSplit",
        ["metadata"] = new JsonObject { ["name"] = "s", ["namespace"] = "shop" },
        ["spec"] = new JsonObject
        {
            ["service"] = service,
            ["backends"] = new JsonArray(new JsonObject { ["service"] = "web-v1", ["weight"] = weight }),
        },
    };
}

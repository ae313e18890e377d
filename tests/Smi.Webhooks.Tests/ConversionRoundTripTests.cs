using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Webhooks.Conversion;
using Smi.Webhooks.Manifests;

namespace Smi.Webhooks.Tests;

/// <summary>Property tests: over generated objects, A -> B -> A is the identity for every kind and version pair.</summary>
public sealed class ConversionRoundTripTests
{
    private const int ObjectsPerPair = 200;

    private static readonly Lazy<CrdCatalog> Served = new(() => CrdCatalog.FromObjects(WebhookManifests.Crds(new WebhookOptions())));

    public static TheoryData<string, string, string> Pairs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (apiVersion, kind) in SmiObjectGenerator.KindVersions)
        {
            foreach (var (other, _) in SmiObjectGenerator.KindVersions.Where(k => k.Kind == kind))
            {
                data.Add(kind, apiVersion, other);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void RoundTrip_Is_Identity(string kind, string from, string to)
    {
        var generator = new SmiObjectGenerator(HashCode.Combine(kind.Length, from.Length, to[^1], 17));
        for (var i = 0; i < ObjectsPerPair; i++)
        {
            var original = generator.Next(from, kind);
            var converted = SmiConversionWebhook.ConvertObject(original, to);
            Assert.Equal(to, converted["apiVersion"]!.GetValue<string>());
            Assert.Empty(Served.Value.Validate(converted));
            var back = SmiConversionWebhook.ConvertObject(converted, from);
            AssertSame(original, back);
        }
    }

    [Fact]
    public void Chains_Through_Several_Versions_Are_Identity()
    {
        var generator = new SmiObjectGenerator(42);
        var random = new Random(7);
        foreach (var kind in SmiObjectGenerator.KindVersions.Select(k => k.Kind).Distinct())
        {
            var versions = SmiObjectGenerator.KindVersions.Where(k => k.Kind == kind).Select(k => k.ApiVersion).ToList();
            for (var i = 0; i < 100; i++)
            {
                var origin = versions[random.Next(versions.Count)];
                var original = generator.Next(origin, kind);
                var current = original;
                for (var hop = 0; hop < 4; hop++)
                {
                    current = SmiConversionWebhook.ConvertObject(current, versions[random.Next(versions.Count)]);
                }

                AssertSame(original, SmiConversionWebhook.ConvertObject(current, origin));
            }
        }
    }

    private static void AssertSame(JsonObject expected, JsonObject actual)
    {
        if (!JsonNode.DeepEquals(expected, actual))
        {
            Assert.Fail($"round trip changed the object:\nexpected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using k8s;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Tests.Crds;
using Smi.Testing;

namespace Smi.Abstractions.Tests;

/// <summary>
/// <see cref="ManifestLoader.LoadObject(JsonElement, string, string, SourceLocation)"/> against the loader's JSON node
/// path given the same object with apiVersion and kind set: the same objects and diagnostics for objects of every SMI
/// kind and version, valid or broken, and the UTF-8 path taken where nothing needs the nodes. The typed objects differ
/// in one way only: they carry no metadata.managedFields (which the API server writes well-formed, so the generator
/// leaves them whole).
/// </summary>
public sealed class ManifestLoaderElementTests
{
    private static readonly string Seed = PropertySeed.Or("7hQz3Rk1Lw9d");

    private static readonly string[] Versions = [.. SmiSamples.ByVersion.Keys.Order(StringComparer.Ordinal)];

    private static readonly SourceLocation Location = new("cluster: X shop/web", 0);

    [Fact]
    public void GeneratedObjects_LoadAsTheNodePathLoadsThem()
    {
        var fast = 0;
        var all = 0;
        Gen.Select(Gen.Int[0, Versions.Length - 1], Gen.Int[0, 4], Gen.Int, (version, changes, seed) =>
                (version, changes, seed))
            .Sample(
                c =>
                {
                    var (obj, apiVersion, kind) = Generate(c.version, c.changes, c.seed);
                    var before = ManifestLoader.ElementsReadAsUtf8;
                    AssertSameAsNodes(obj, apiVersion, kind);
                    fast += ManifestLoader.ElementsReadAsUtf8 - before;
                    all++;
                },
                seed: Seed,
                iter: 2000,
                threads: 1,
                print: c => Generate(c.version, c.changes, c.seed).Obj.ToJsonString());

        // Objects without changes, or with unknown fields or managedFields only, take the UTF-8 path; a generator
        // whose objects all fell back to the nodes would compare the node path with itself.
        Assert.True(fast > all / 5, $"only {fast} of {all} objects were read as UTF-8");
        Assert.True(fast < all, "no object fell back to the JSON nodes");
    }

    [Theory]
    [MemberData(nameof(VersionKeys))]
    public void ListItemsOfEveryVersion_AreReadAsUtf8(string version)
    {
        foreach (var sample in SmiSamples.Of(version))
        {
            var apiVersion = sample["apiVersion"]!.GetValue<string>();
            var kind = sample["kind"]!.GetValue<string>();
            sample.Remove("apiVersion");
            sample.Remove("kind");
            ((JsonObject)sample["metadata"]!)["managedFields"] = ManagedFields();
            sample["unknownField"] = 1;

            var before = ManifestLoader.ElementsReadAsUtf8;
            var loaded = AssertSameAsNodes(sample, apiVersion, kind);

            var headers = sample.ToJsonString().Contains("\"headers\"", StringComparison.Ordinal);
            var expectFast = !(kind == "HTTPRouteGroup" && headers);
            Assert.Equal(expectFast ? 1 : 0, ManifestLoader.ElementsReadAsUtf8 - before);
            var read = Assert.Single(loaded.Objects);
            Assert.Equal(apiVersion, read.Json["apiVersion"]!.GetValue<string>());
            Assert.Equal(kind, ((IKubernetesObject)read.Resource).Kind);
            Assert.Contains(
                loaded.Diagnostics, d => d.Reason == SmiReasons.UnknownField && d.FieldPath == "unknownField");
        }
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"service":null}}""")]
    [InlineData("""{"metadata":{"name":5,"namespace":"shop"},"spec":{"service":"web"}}""")]
    [InlineData("""{"metadata":{"name":"web"},"spec":{"service":"web"}}""")]
    [InlineData("""{"apiVersion":"split.smi-spec.io/v1alpha2","metadata":{"name":"web","namespace":"shop"}}""")]
    [InlineData("""{"kind":5,"metadata":{"name":"web","namespace":"shop"}}""")]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"backends":[null]}}""")]
    public void ObjectsThatNeedTheNodes_FallBackToThem(string json)
    {
        var before = ManifestLoader.ElementsReadAsUtf8;
        AssertSameAsNodes(JsonNode.Parse(json)!.AsObject(), "split.smi-spec.io/v1alpha4", "TrafficSplit");
        Assert.Equal(before, ManifestLoader.ElementsReadAsUtf8);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"service":"web"}}""")]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"service":null}}""")]
    public void ManagedFields_AreKeptInTheJsonAsRead_NotInTheTypedObject(string json)
    {
        var obj = JsonNode.Parse(json)!.AsObject();
        ((JsonObject)obj["metadata"]!)["managedFields"] = ManagedFields();
        var element = JsonDocument.Parse(obj.ToJsonString()).RootElement;
        var loaded = new ManifestLoader().LoadObject(element, "split.smi-spec.io/v1alpha4", "TrafficSplit", Location);
        var read = Assert.Single(loaded.Objects);
        Assert.Null(((IKubernetesObject<k8s.Models.V1ObjectMeta>)read.Resource).Metadata.ManagedFields);
        Assert.Single(read.Json["metadata"]!["managedFields"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"service":"a"},"spec":{"service":"b"}}""")]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop","name":"web"},"spec":{"service":"a"}}""")]
    [InlineData("""{"metadata":{"name":"w","namespace":"s"},"spec":{"backends":[{"service":"a","service":"b"}]}}""")]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"service":"a","\u0073ervice":"b"}}""")]
    public void KeysGivenTwice_AreLeftToTheNodes(string json)
    {
        var before = ManifestLoader.ElementsReadAsUtf8;
        AssertSameAsNodes(JsonDocument.Parse(json).RootElement, "split.smi-spec.io/v1alpha4", "TrafficSplit");
        Assert.Equal(before, ManifestLoader.ElementsReadAsUtf8);
    }

    [Fact]
    public void FieldsMissing_AreAddedAtTheEnd_AsTheNodesAddThem()
    {
        var element = JsonDocument.Parse("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"service":"web"}}""")
            .RootElement;
        var loaded = new ManifestLoader().LoadObject(element, "split.smi-spec.io/v1alpha4", "TrafficSplit", Location);
        Assert.Equal(
            """{"metadata":{"name":"web","namespace":"shop"},"spec":{"service":"web"},"apiVersion":"""
            + """ "split.smi-spec.io/v1alpha4","kind":"TrafficSplit"}""".TrimStart(),
            Assert.Single(loaded.Objects).Json.ToJsonString());
    }

    public static TheoryData<string> VersionKeys => [.. Versions];

    private static LoadResult AssertSameAsNodes(JsonObject obj, string apiVersion, string kind) =>
        AssertSameAsNodes(JsonDocument.Parse(obj.ToJsonString()).RootElement, apiVersion, kind);

    private static LoadResult AssertSameAsNodes(JsonElement element, string apiVersion, string kind)
    {
        var expected = Outcome(() =>
        {
            var nodes = JsonObject.Create(element.Clone())!;
            nodes["apiVersion"] = apiVersion;
            nodes["kind"] = kind;
            return new ManifestLoader().LoadObject(nodes, Location);
        });
        var actual = Outcome(() => new ManifestLoader().LoadObject(element, apiVersion, kind, Location));
        Assert.Equal(expected.Error, actual.Error);
        if (expected.Result is { } want)
        {
            ListedLoadAssert.Same(want, actual.Result!);
        }

        return actual.Result!;
    }

    private static (LoadResult? Result, string? Error) Outcome(Func<LoadResult> load)
    {
        try
        {
            return (load(), null);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return (null, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>
    /// A sample of one version with up to <paramref name="changes"/> changes: fields unknown, null or of another type,
    /// headers, managedFields, apiVersion or kind left out or another, name or namespace missing.
    /// </summary>
    private static (JsonObject Obj, string ApiVersion, string Kind) Generate(int version, int changes, int seed)
    {
        var random = new Random(seed);
        var samples = SmiSamples.Of(Versions[version]);
        var obj = samples[random.Next(samples.Count)];
        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        var kind = obj["kind"]!.GetValue<string>();
        for (var i = 0; i < changes; i++)
        {
            Change(obj, random, ref apiVersion);
        }

        return (obj, apiVersion, kind);
    }

    private static void Change(JsonObject obj, Random random, ref string apiVersion)
    {
        var nodes = Descendants(obj)
            .Where(n => !n.GetPath().StartsWith("$.metadata.managedFields", StringComparison.Ordinal))
            .ToList();
        var node = nodes[random.Next(nodes.Count)];
        var metadata = obj["metadata"] as JsonObject;
        switch (random.Next(13))
        {
            case 0:
                obj.Remove(random.Next(2) == 0 ? "apiVersion" : "kind");
                break;
            case 1:
                (node as JsonObject ?? obj)[random.Next(2) == 0 ? "extra" : "headers"] = random.Next(3) switch
                {
                    0 => new JsonObject { ["user-agent"] = random.Next(2) == 0 ? null : "curl.*" },
                    1 => new JsonArray(new JsonObject { ["x-canary"] = "true" }),
                    _ => 7,
                };
                break;
            case 2 or 3:
                Replace(node, random.Next(2) == 0 ? null : Other(node));
                break;
            case 4:
                metadata?["managedFields"] = ManagedFields();
                break;
            case 5:
                metadata?.Remove(random.Next(3) == 0 ? "name" : "namespace");
                break;
            case 6:
                metadata?["uid"] = random.Next(3) == 0 ? 12 : "0b8f2c4e-uid";
                break;
            case 7:
                // The object as listed in another version of its kind than the one it is read as.
                apiVersion = random.Next(2) == 0 ? "specs.smi-spec.io/v1alpha4" : apiVersion;
                break;
            case 8:
                metadata?[random.Next(2) == 0 ? "name" : "namespace"] = random.Next(2) == 0 ? 5 : new JsonArray();
                break;
            case 9:
                (node as JsonArray)?.Add(null);
                break;
            case 10 when ((obj["spec"] as JsonObject)?["matches"] ?? obj["matches"]) is JsonArray { Count: > 0 } matches
                && matches[random.Next(matches.Count)] is JsonObject match:
                // Header matches in either encoding, some that only the nodes refuse (a name listed twice).
                match["headers"] = random.Next(3) switch
                {
                    0 => new JsonObject { ["x-canary"] = "true" },
                    1 => new JsonArray(new JsonObject { ["x-canary"] = "true" }),
                    _ => new JsonArray(new JsonObject { ["x-canary"] = "a" }, new JsonObject { ["x-canary"] = "b" }),
                };
                break;
            default:
                (node as JsonObject ?? obj)["x\u00e9\\\"" + random.Next(3)] = "v";
                break;
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().ToList())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static void Replace(JsonNode node, JsonNode? value)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = value;
                break;
            case JsonArray parent:
                parent[node.GetElementIndex()] = value;
                break;
        }
    }

    private static JsonNode Other(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => JsonValue.Create(42),
        JsonValueKind.Number => JsonValue.Create("42"),
        JsonValueKind.Object => new JsonArray("a"),
        JsonValueKind.Array => new JsonObject { ["a"] = 1 },
        _ => JsonValue.Create("true"),
    };

    private static JsonArray ManagedFields() =>
    [
        new JsonObject
        {
            ["apiVersion"] = "split.smi-spec.io/v1alpha4",
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = new JsonObject { ["f:spec"] = new JsonObject { ["f:service"] = new JsonObject() } },
            ["manager"] = "kubectl-client-side-apply",
            ["operation"] = "Update",
            ["time"] = "2026-01-02T03:04:05Z",
        },
    ];
}

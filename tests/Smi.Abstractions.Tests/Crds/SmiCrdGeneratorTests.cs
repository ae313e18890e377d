using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Resources;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Validation;
using Smi.Testing;

namespace Smi.Abstractions.Tests.Crds;

public class SmiCrdGeneratorTests
{
    private static readonly CrdCatalog Generated = CrdCatalog.FromObjects(SmiCrdGenerator.Generate());

    public static TheoryData<string> RegisteredVersions => [.. SmiVersions.All.Select(v => $"{v.ApiVersion} {v.Kind}")];

    [Fact]
    public void Generates_OneCrdPerKind_WithNamesScopeAndOneStorageVersion()
    {
        var crds = SmiCrdGenerator.Generate();
        var kinds = SmiVersions.All.Select(v => (v.Group, v.Kind)).Distinct().ToList();
        Assert.Equal(kinds.Count, crds.Count);
        Assert.Equal(crds.Select(Name).Order(StringComparer.Ordinal), crds.Select(Name));

        foreach (var crd in crds)
        {
            var spec = crd["spec"]!;
            var kind = spec["names"]!["kind"]!.GetValue<string>();
            Assert.Equal("Namespaced", spec["scope"]!.GetValue<string>());
            Assert.Equal(kind + "List", spec["names"]!["listKind"]!.GetValue<string>());
            Assert.Equal(kind.ToLowerInvariant(), spec["names"]!["singular"]!.GetValue<string>());
            var versions = spec["versions"]!.AsArray();
            var storage = Assert.Single(versions, v => v!["storage"]!.GetValue<bool>());
            var group = spec["group"]!.GetValue<string>();
            var kindVersions = SmiVersions.All.Where(v => v.Kind == kind && v.Group == group).Select(v => v.Version).ToList();
            var expected = kindVersions.Contains(SmiVersions.LatestReleased[group]) ? SmiVersions.LatestReleased[group] : kindVersions.Order(StringComparer.Ordinal).Last();
            Assert.Equal(expected, storage!["name"]!.GetValue<string>());
            Assert.True(storage["served"]!.GetValue<bool>());
            Assert.All(versions, v => Assert.NotNull(v!["subresources"]!["status"]));
        }

        var shortNames = crds.Where(c => c["spec"]!["names"]!["shortNames"] is not null).ToDictionary(c => c["spec"]!["names"]!["kind"]!.GetValue<string>(), c => c["spec"]!["names"]!["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("ts", shortNames["TrafficSplit"]);
        Assert.Equal("htr", shortNames["HTTPRouteGroup"]);
        Assert.Equal("tr", shortNames["TCPRoute"]);
        Assert.Equal("ur", shortNames["UDPRoute"]);
        Assert.Equal("tt", shortNames["TrafficTarget"]);

        var split = crds.Single(c => Name(c) == "trafficsplits.split.smi-spec.io");
        var column = split["spec"]!["versions"]![0]!["additionalPrinterColumns"]![0]!;
        Assert.Equal(("Service", "string", ".spec.service"), (column["name"]!.GetValue<string>(), column["type"]!.GetValue<string>(), column["jsonPath"]!.GetValue<string>()));
    }

    [Fact]
    public void Generates_TheSameOutputEveryTime() =>
        Assert.Equal(
            string.Join("\n", SmiCrdGenerator.Generate().Select(c => c.ToJsonString())),
            string.Join("\n", SmiCrdGenerator.Generate().Select(c => c.ToJsonString())));

    [Fact]
    public void MapsTypes_AndSpecialCases()
    {
        var split = Schema("trafficsplits.split.smi-spec.io", "v1alpha4");
        var backend = split["properties"]!["spec"]!["properties"]!["backends"]!["items"]!["properties"]!;
        Assert.Equal("""{"type":"number","minimum":0,"maximum":2147483647}""", backend["weight"]!.ToJsonString());
        Assert.Equal(
            """{"type":"string","maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}""",
            backend["service"]!.ToJsonString());
        Assert.Equal(1000, split["properties"]!["spec"]!["properties"]!["backends"]!["maxItems"]!.GetValue<int>());

        var routes = Schema("httproutegroups.specs.smi-spec.io", "v1alpha4");
        var match = routes["properties"]!["spec"]!["properties"]!["matches"]!["items"]!["properties"]!;
        Assert.Equal("""{"x-kubernetes-preserve-unknown-fields":true}""", match["headers"]!.ToJsonString());
        Assert.Equal(
            """{"type":"array","items":{"type":"string","maxLength":1024},"maxItems":1000}""",
            match["methods"]!.ToJsonString());
        Assert.Equal("""{"type":"string","maxLength":1024}""", match["pathRegex"]!.ToJsonString());

        var tcp = Schema("tcproutes.specs.smi-spec.io", "v1alpha4");
        Assert.Equal(
            """{"type":"array","items":{"type":"integer","minimum":1,"maximum":65535},"maxItems":1000}""",
            tcp["properties"]!["spec"]!["properties"]!["matches"]!["properties"]!["ports"]!.ToJsonString());

        var status = split["properties"]!["status"]!["properties"]!;
        Assert.Equal("integer", status["observedGeneration"]!["type"]!.GetValue<string>());
        Assert.Equal("date-time", status["conditions"]!["items"]!["properties"]!["lastTransitionTime"]!["format"]!.GetValue<string>());
        Assert.Null(status["conditions"]!["maxItems"]);
        Assert.Null(status["conditions"]!["items"]!["properties"]!["message"]!["maxLength"]);
    }

    [Theory]
    [MemberData(nameof(RegisteredVersions))]
    public void GeneratedCrds_AcceptHandWrittenSamples(string key)
    {
        Assert.True(SmiSamples.ByVersion.ContainsKey(key), $"add a hand-written sample for {key} to {nameof(SmiSamples)}");
        foreach (var sample in SmiSamples.Of(key))
        {
            Assert.Empty(ValidateAsServed(sample));
        }
    }

    [Theory]
    [MemberData(nameof(RegisteredVersions))]
    public void GeneratedCrds_AcceptWhatTheTypedModelWrites(string key)
    {
        var version = SmiVersions.All.Single(v => $"{v.ApiVersion} {v.Kind}" == key);
        foreach (var sample in SmiSamples.ByVersion.TryGetValue(key, out _) ? SmiSamples.Of(key) : [])
        {
            // The typed model reads headers as a map; the loader normalizes the list form first, as here.
            var input = (JsonObject)sample.DeepClone();
            Assert.True(HeaderEncoding.NormalizeToMap(input, out _));
            var typed = version.Deserialize(input.ToJsonString());
            typed.Status = new SmiStatus
            {
                ObservedGeneration = 3,
                Conditions = [new V1Condition { Type = "Accepted", Status = "True", Reason = "Valid", Message = "ok", LastTransitionTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), ObservedGeneration = 3 }],
            };
            var written = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(typed))!;
            var violations = ValidateAsServed(written);
            Assert.True(violations.Count == 0, $"{written.ToJsonString()}: {string.Join("; ", violations)}");
        }

        var empty = (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(Activator.CreateInstance(version.ResourceType)))!;
        // An empty object is refused only where a name format applies to the empty string (a Service name).
        Assert.All(ValidateAsServed(empty), v => Assert.Contains("Invalid value: \"\": should match", v.Message));
    }

    /// <summary>
    /// Validates an object in its own version when the generated CRD serves it; otherwise checks that the CRD says the
    /// version is not served, and validates the object converted to the storage version, as `smi convert` would.
    /// </summary>
    private static IReadOnlyList<CrdViolation> ValidateAsServed(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        var kind = obj["kind"]!.GetValue<string>();
        if (Generated.Serves(apiVersion, kind))
        {
            return Generated.Validate(obj);
        }

        var refused = Generated.Validate(obj);
        Assert.Contains(refused, v => v.Message.Contains("is not served", StringComparison.Ordinal));
        var source = SmiVersions.Find(apiVersion, kind)!;
        var crd = Generated.Find(source.Group, kind)!;
        var storage = crd.Versions.Single(v => v.Storage).Name;
        var input = (JsonObject)obj.DeepClone();
        Assert.True(HeaderEncoding.NormalizeToMap(input, out _));
        var typed = source.Deserialize(input.ToJsonString());
        var context = new ConversionContext(new ResourceRef(apiVersion, kind, "ns", "name"));
        var converted = SmiConverter.Convert(typed, storage, context);
        return Generated.Validate((JsonObject)JsonNode.Parse(KubernetesJson.Serialize(converted))!);
    }

    [Fact]
    public void GeneratedCrds_RefuseUnknownFields()
    {
        var split = SmiSamples.Of("split.smi-spec.io/v1alpha4 TrafficSplit")[0];
        split["spec"]!["backends"]![0]!["colour"] = "red";
        split["spec"]!["mirror"] = "web-shadow";
        split["spec"]!["backends"]![1]!["weight"] = "ten";
        var violations = Generated.Validate(split);
        Assert.Equal(
            [("spec.backends[0].colour", "unknown field"), ("spec.mirror", "unknown field")],
            violations.Where(v => v.Message == "unknown field").Select(v => (v.Path, v.Message)).Order());
        Assert.Contains(violations, v => v.Path == "spec.backends[1].weight" && v.Message.Contains("number", StringComparison.Ordinal));

        split["spec"]!["backends"]![1]!["weight"] = 10_000_000_000_000_000_000m;
        Assert.Contains(
            Generated.Validate(split),
            v => v.Path == "spec.backends[1].weight" && v.Message.Contains("less than", StringComparison.Ordinal));
        split["spec"]!["backends"]![1]!["weight"] = -1;
        Assert.Contains(Generated.Validate(split), v => v.Path == "spec.backends[1].weight");

        var target = SmiSamples.Of("access.smi-spec.io/v1alpha3 TrafficTarget")[0];
        target["spec"]!["destination"]!["port"] = 8080;
        Assert.Equal([new CrdViolation("spec.destination.port", "unknown field")], Generated.Validate(target));
    }

    [Fact]
    public void GeneratedCrds_ServeOnlyTheRegisteredVersions()
    {
        Assert.True(Generated.Serves("split.smi-spec.io/v1alpha4", "TrafficSplit"));
        var old = SmiSamples.Of("split.smi-spec.io/v1alpha4 TrafficSplit")[0];
        old["apiVersion"] = "split.smi-spec.io/v0";
        Assert.Equal("apiVersion", Assert.Single(Generated.Validate(old)).Path);
    }

    [Fact]
    public void GeneratedCrds_AcceptTheSmiInputExample()
    {
        var examples = RepositoryPaths.MeshExamples;
        var documents = CrdYaml.ReadObjects(File.ReadAllText(Path.Combine(examples, "smi-input.yaml")));
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            var violations = Generated.Validate(document);
            Assert.True(violations.Count == 0, $"{document["kind"]} {document["metadata"]!["name"]}: {string.Join("; ", violations)}");
        }
    }

    /// <summary>The sampled versions that smi-sdk-go's CRDs serve (they serve only the newest of each kind).</summary>
    public static TheoryData<string> OfficiallyServedVersions => [.. ServedSampleKeys()];

    private static readonly Lazy<CrdCatalog> OfficialCrds =
        new(() => CrdCatalog.Load([Path.Combine(RepositoryPaths.Crds, "smi")]));

    private static List<string> ServedSampleKeys() =>
    [
        .. SmiSamples.ByVersion.Keys
            .Where(key => OfficialCrds.Value.Serves(key.Split(' ')[0], key.Split(' ')[1]))
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void OfficialCrds_ServeASampledVersionOfEveryKind()
    {
        var kinds = ServedSampleKeys().Select(key => key.Split(' ')[1]).ToHashSet();
        Assert.Superset(new HashSet<string> { "TrafficSplit", "TrafficTarget", "HTTPRouteGroup", "TCPRoute", "UDPRoute" }, kinds);
    }

    [Theory]
    [MemberData(nameof(OfficiallyServedVersions))]
    public void OfficialCrds_AcceptTheSamplesToo(string key)
    {
        var samples = SmiSamples.Of(key);
        Assert.NotEmpty(samples);
        foreach (var sample in samples)
        {
            var violations = OfficialCrds.Value.Validate(sample);
            if (sample["metadata"]!["name"]!.GetValue<string>() == "routes-map")
            {
                // smi-sdk-go's CRD types headers as a list of one-entry maps only; ours also take the map the spec prose shows.
                Assert.Equal("spec.matches[0].headers", Assert.Single(violations).Path);
                continue;
            }

            Assert.True(violations.Count == 0, $"{key}: {string.Join("; ", violations)}");
        }
    }

    [Fact]
    public void StorageIsTheNewestVersion_AndOnlyVersionsWithTheSameSchemaAreServed()
    {
        var crd = Assert.Single(SmiCrdGenerator.Generate([new FakeVersion<FakeV1Alpha1>("v1alpha1"), new FakeVersion<FakeV1Alpha3>("v1alpha3"), new FakeVersion<FakeV1Alpha2>("v1alpha2")]));
        var versions = crd["spec"]!["versions"]!.AsArray().Select(v => (v!["name"]!.GetValue<string>(), v["served"]!.GetValue<bool>(), v["storage"]!.GetValue<bool>()));
        Assert.Equal([("v1alpha3", true, true), ("v1alpha2", true, false), ("v1alpha1", false, false)], versions);

        var weight = (string v) => crd["spec"]!["versions"]!.AsArray().Single(x => x!["name"]!.GetValue<string>() == v)!
            ["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["weight"]!.ToJsonString();
        Assert.Equal(
            """{"x-kubernetes-int-or-string":true,"minimum":0,"maximum":2147483647,"""
            + "\"pattern\":" + JsonValue.Create(SmiBounds.QuantityWeightPattern).ToJsonString() + "}",
            weight("v1alpha1"));
        Assert.Equal("""{"type":"number","minimum":0,"maximum":2147483647}""", weight("v1alpha3"));
        Assert.Equal("""{"type":"object","additionalProperties":{"type":"string","maxLength":1024}}""",
            crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]!["labels"]!.ToJsonString());
    }

    [Theory]
    [InlineData("v1", "v1beta1")]
    [InlineData("v1beta1", "v1alpha4")]
    [InlineData("v1alpha4", "v1alpha3")]
    [InlineData("v2alpha1", "v1alpha9")]
    [InlineData("v1alpha1", "custom")]
    public void VersionOrder_PutsHigherPriorityFirst(string higher, string lower) =>
        Assert.True(KubeVersionOrder.Instance.Compare(higher, lower) < 0);

    private static string Name(JsonObject crd) => crd["metadata"]!["name"]!.GetValue<string>();

    private static JsonObject Schema(string name, string version) =>
        Generated.Definitions.Single(d => d.Name == name).FindVersion(version)!.Schema!;

    internal sealed class FakeSpec
    {
        [JsonPropertyName("weight")]
        public int? Weight { get; set; }

        [JsonPropertyName("labels")]
        public IDictionary<string, string>? Labels { get; set; }
    }

    internal sealed class FakeSpecWithExtra
    {
        [JsonPropertyName("weight")]
        public int? Weight { get; set; }

        [JsonPropertyName("labels")]
        public IDictionary<string, string>? Labels { get; set; }

        [JsonPropertyName("port")]
        public int? Port { get; set; }
    }

    internal sealed class FakeV1Alpha1() : SmiResource<FakeSpecWithExtra>("split.smi-spec.io/v1alpha1", "TrafficSplit");

    internal sealed class FakeV1Alpha2() : SmiResource<FakeSpec>("split.smi-spec.io/v1alpha2", "TrafficSplit");

    internal sealed class FakeV1Alpha3() : SmiResource<FakeSpec>("split.smi-spec.io/v1alpha3", "TrafficSplit");

    internal sealed class FakeVersion<T>(string version) : ISmiVersion
    {
        public string Group => "split.smi-spec.io";

        public string Version => version;

        public string Kind => "TrafficSplit";

        public string Plural => "trafficsplits";

        public Type ResourceType => typeof(T);

        public SmiObject Deserialize(string json) => throw new NotSupportedException();

        public object ToHub(SmiObject resource, ConversionContext context) => throw new NotSupportedException();

        public SmiObject FromHub(object hub, V1ObjectMeta metadata, ConversionContext context) => throw new NotSupportedException();
    }
}

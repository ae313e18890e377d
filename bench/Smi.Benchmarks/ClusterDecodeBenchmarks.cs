using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Kube;
using Smi.Kube.Api;

namespace Smi.Benchmarks;

/// <summary>
/// Decoding the SMI objects of a fleet as the controller's initial lists give them (list items without apiVersion and
/// kind, with a uid, a resourceVersion and managedFields): <see cref="ClusterObjects.Load"/>, against the same objects
/// read through their JSON nodes as it read them before.
/// </summary>
[MemoryDiagnoser]
public class ClusterDecodeBenchmarks
{
    private (JsonElement Item, ResourceKind Kind)[] _items = [];

    /// <summary>SMI objects decoded per operation.</summary>
    [Params(10_000)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var files = Fleet.FleetGenerator.Generate(Objects, Fleet.FleetCommandLine.DefaultSeed).ToList();
        var items = new JsonArray();
        var kinds = new List<ResourceKind>();
        foreach (var read in Fixtures.LoadFleet(files).Objects)
        {
            if (SmiVersions.Find(read.Ref.ApiVersion, read.Ref.Kind) is not { } version)
            {
                continue;
            }

            var item = read.Json.DeepClone().AsObject();
            item.Remove("apiVersion");
            item.Remove("kind");
            var metadata = item["metadata"]!.AsObject();
            metadata["uid"] = $"uid-{items.Count}";
            metadata["resourceVersion"] = $"{1000 + items.Count}";
            metadata["creationTimestamp"] = "2026-01-02T03:04:05Z";
            metadata["managedFields"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = read.Ref.ApiVersion,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = new JsonObject { ["f:spec"] = new JsonObject { ["."] = new JsonObject() } },
                ["manager"] = "kubectl-client-side-apply",
                ["operation"] = "Update",
                ["time"] = "2026-01-02T03:04:05Z",
            });
            items.Add(item);
            var slash = version.ApiVersion.IndexOf('/', StringComparison.Ordinal);
            kinds.Add(new ResourceKind(
                version.ApiVersion[..slash], version.ApiVersion[(slash + 1)..], version.Plural, version.Kind));
        }

        var list = JsonDocument.Parse(new JsonObject { ["items"] = items }.ToJsonString()).RootElement;
        _items = [.. list.GetProperty("items").EnumerateArray().Zip(kinds)];
    }

    /// <summary>
    /// The objects read through their JSON nodes, as <see cref="ClusterObjects.Load"/> read them before.
    /// </summary>
    [Benchmark(Baseline = true)]
    public int ThroughNodes()
    {
        var read = 0;
        foreach (var (item, kind) in _items)
        {
            var obj = JsonObject.Create(item.Clone())!;
            obj["apiVersion"] = kind.ApiVersion;
            obj["kind"] = kind.Kind;
            var metadata = obj["metadata"] as JsonObject;
            var location = new SourceLocation(
                $"{kind.Kind} {metadata?["namespace"]?.ToString()}/{metadata?["name"]?.ToString()}", 0);
            read += new ManifestLoader().LoadObject(obj, location).Objects.Length;
        }

        return read;
    }

    /// <summary>The objects read by <see cref="ClusterObjects.Load"/>.</summary>
    [Benchmark]
    public int ClusterObjectsLoad()
    {
        var read = 0;
        foreach (var (item, kind) in _items)
        {
            read += ClusterObjects.Load(item, kind, string.Empty).Objects.Length;
        }

        return read;
    }
}

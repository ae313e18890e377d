using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Kube.Api;
using Smi.Testing;

namespace Smi.Kube.Tests;

/// <summary>
/// Objects listed from the API server read by <see cref="ClusterObjects.Load"/> as their JSON nodes with apiVersion
/// and kind set are read by the loader, named in diagnostics as the nodes name them.
/// </summary>
public sealed class ClusterObjectsTests
{
    private static readonly ResourceKind Split = new("split.smi-spec.io", "v1alpha4", "trafficsplits", "TrafficSplit");

    private static readonly ResourceKind Services = new(string.Empty, "v1", "services", "Service");

    private static readonly ResourceKind Namespaces = new(string.Empty, "v1", "namespaces", "Namespace", false);

    [Theory]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"service":"web","backends":[]}}""")]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop","uid":"u-1"},"spec":{"service":"web","typo":1}}""")]
    [InlineData("""{"apiVersion":"split.smi-spec.io/v1alpha2","kind":"TrafficSplit","metadata":{"name":"web"}}""")]
    [InlineData("""{"metadata":{"name":5,"namespace":"shop"},"spec":{}}""")]
    [InlineData("""{"metadata":{"name":{"a":[1,true]},"namespace":["x"]},"spec":{}}""")]
    [InlineData("""{"metadata":{"name":null,"namespace":"shop"}}""")]
    [InlineData("""{"metadata":[],"spec":{}}""")]
    [InlineData("""{"spec":{"backends":[{"service":"a","weight":null}]},"metadata":{"namespace":"s","name":"w"}}""")]
    public void SplitsLoad_AsTheirNodesLoad(string json) => AssertAsNodes(json, Split);

    [Theory]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"ports":[{"port":80}]}}""")]
    [InlineData("""{"metadata":{"name":"web","namespace":"shop"},"spec":{"ports":[{"port":"eighty"}]}}""")]
    [InlineData("""{"metadata":{"name":"web"},"spec":{"ports":[null]}}""")]
    public void ServicesLoad_AsTheirNodesLoad(string json) => AssertAsNodes(json, Services);

    [Theory]
    [InlineData("""{"metadata":{"name":"shop","labels":{"team":"a"}}}""")]
    [InlineData("""{"metadata":{"name":"shop","namespace":""}}""")]
    public void NamespacesLoad_AsTheirNodesLoad(string json) => AssertAsNodes(json, Namespaces);

    [Fact]
    public void Location_NamesTheObject()
    {
        var element = JsonDocument.Parse("""{"metadata":{"name":"web","namespace":"shop"},"spec":{}}""").RootElement;
        var loaded = ClusterObjects.Load(element, Split, "cluster: ");
        Assert.Equal("cluster: TrafficSplit shop/web", Assert.Single(loaded.Objects).Location.File);
    }

    private static void AssertAsNodes(string json, ResourceKind kind)
    {
        var element = JsonDocument.Parse(json).RootElement;
        ListedLoadAssert.Same(LoadAsNodes(element, kind, "cluster: "), ClusterObjects.Load(element, kind, "cluster: "));
    }

    /// <summary>How objects of the cluster were read before they were read from their UTF-8 JSON.</summary>
    private static LoadResult LoadAsNodes(JsonElement json, ResourceKind kind, string locationPrefix)
    {
        var obj = JsonObject.Create(json.Clone())!;
        obj["apiVersion"] = kind.ApiVersion;
        obj["kind"] = kind.Kind;
        var metadata = obj["metadata"] as JsonObject;
        var ns = metadata?["namespace"]?.ToString();
        var name = metadata?["name"]?.ToString();
        var described = string.IsNullOrEmpty(ns) ? $"{kind.Kind} {name}" : $"{kind.Kind} {ns}/{name}";
        return new ManifestLoader().LoadObject(obj, new SourceLocation(locationPrefix + described, 0));
    }
}

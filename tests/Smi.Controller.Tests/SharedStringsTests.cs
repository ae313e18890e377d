using Smi.Abstractions.Snapshot;
using Smi.Controller.Cache;
using Smi.Controller.Cache.Context;
using Smi.Kube;

namespace Smi.Controller.Tests;

public sealed class SharedStringsTests
{
    [Fact]
    public void Equal_Strings_Read_Apart_Come_Back_As_One_Instance()
    {
        var first = new string("shared-strings-test-namespace".AsSpan());
        var second = new string("shared-strings-test-namespace".AsSpan());
        Assert.NotSame(first, second);
        Assert.Same(SharedStrings.Of(first), SharedStrings.Of(second));
        Assert.Equal(first, SharedStrings.Of(second));
        Assert.Same(string.Empty, SharedStrings.Of(new string([])));
    }

    [Fact]
    public void Cached_Objects_Share_Namespace_And_Label_Strings()
    {
        static CachedObject Read(string name)
        {
            using var json = System.Text.Json.JsonDocument.Parse(
                "{\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"shared-ns\",\"labels\":{\"app\":\"shop\"}}}");
            return new CachedObject(StandaloneParts.TrafficSplits, json.RootElement);
        }

        var a = Read("a");
        var b = Read("b");
        Assert.Same(a.Namespace, b.Namespace);
        Assert.Same(a.Labels.Keys.Single(), b.Labels.Keys.Single());
        Assert.Same(a.Labels["app"], b.Labels["app"]);
    }

    [Fact]
    public void Cached_Objects_Of_A_Kind_Share_Its_ApiVersion()
    {
        static CachedObject Read(string name)
        {
            using var json = System.Text.Json.JsonDocument.Parse(
                "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"shared-ns\"}}");
            return new CachedObject(StandaloneParts.TrafficSplits, json.RootElement);
        }

        var a = Read("a");
        var b = Read("b");
        Assert.Equal(StandaloneParts.TrafficSplits.ApiVersion, a.Ref.ApiVersion);
        Assert.Same(a.Ref.ApiVersion, b.Ref.ApiVersion);
    }

    [Fact]
    public void A_Decoded_Object_Keeps_One_Reference_For_Itself_And_Its_Entry()
    {
        var services = new ResourceKind(string.Empty, "v1", "services", "Service");
        var reading = new CacheReading
        {
            Decoder = (kind, json) => new DecodedObject(SnapshotEntry.From(ContextDecoder.Read(kind, json)!), null),
        };
        using var json = System.Text.Json.JsonDocument.Parse(
            "{\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\",\"uid\":\"u-1\"},"
            + "\"spec\":{\"ports\":[{\"port\":80}]}}");

        var cached = new CachedObject(services, json.RootElement, reading, null);

        Assert.NotNull(cached.Entry);
        Assert.Same(cached.Entry.Ref, cached.Ref);
        Assert.Equal(("v1", "Service", "shop", "web", "u-1"),
            (cached.Ref.ApiVersion, cached.Ref.Kind, cached.Namespace, cached.Name, cached.Uid));
        Assert.Equal("shop/web", cached.Key);
        Assert.Same(cached.Namespace, SharedStrings.Of("shop"));
    }

    [Fact]
    public void A_Decoded_Entry_That_Names_Another_Version_Leaves_The_Cache_Its_Own_Reference()
    {
        var listedAs = new ResourceKind("split.smi-spec.io", "v1alpha3", "trafficsplits", "TrafficSplit");
        var entryRef = new Smi.Abstractions.ResourceRef("split.smi-spec.io/v1alpha4", "TrafficSplit", "shop", "web");
        var reading = new CacheReading
        {
            Decoder = (_, _) => new DecodedObject(SnapshotEntry.From(
                new Smi.Abstractions.Model.SplitRule(entryRef, "web", [], [])), null),
        };
        using var json = System.Text.Json.JsonDocument.Parse(
            "{\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\"}}");

        var cached = new CachedObject(listedAs, json.RootElement, reading, null);

        Assert.NotSame(entryRef, cached.Ref);
        Assert.Equal("split.smi-spec.io/v1alpha3", cached.Ref.ApiVersion);
    }

    [Fact]
    public void A_Later_State_Of_An_Object_Keeps_The_Key_Text_Of_The_Earlier_One()
    {
        static CachedObject Read(string version, CachedObject? previous)
        {
            using var json = System.Text.Json.JsonDocument.Parse(
                "{\"metadata\":{\"name\":\"web\",\"namespace\":\"shop\",\"resourceVersion\":\"" + version
                + "\"},\"spec\":{\"service\":\"web-" + version + "\"}}");
            return new CachedObject(StandaloneParts.TrafficSplits, json.RootElement, CacheReading.Everything, previous);
        }

        var first = Read("1", null);
        var second = Read("2", first);
        var apart = Read("3", null);

        Assert.Equal("shop/web", second.Key);
        Assert.Same(first.Key, second.Key);
        Assert.NotSame(first.Key, apart.Key);
    }

    [Fact]
    public void Services_Without_Annotations_Share_One_Empty_Map()
    {
        var services = new ResourceKind(string.Empty, "v1", "services", "Service");
        static ServiceInfo Decode(ResourceKind kind, string name)
        {
            using var json = System.Text.Json.JsonDocument.Parse(
                "{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"shop\"},\"spec\":{}}");
            return (ServiceInfo)SnapshotEntry.From(ContextDecoder.Read(kind, json.RootElement)!)!.Value!;
        }

        var a = Decode(services, "a");
        var b = Decode(services, "b");

        Assert.Empty(a.Annotations);
        Assert.Same(a.Annotations, b.Annotations);
        Assert.Same(a.Selector, b.Selector);
    }
}

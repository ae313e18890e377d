using Smi.Controller.Cache;

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
}

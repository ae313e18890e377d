using System.Text.Json.Nodes;
using Smi.Kube.Fields;

namespace Smi.Kube.Tests;

/// <summary><see cref="FieldPath"/>: the <c>fieldsV1</c> segments server-side apply uses, and their display.</summary>
public sealed class FieldPathTests
{
    private const char Sep = FieldPath.Separator;

    [Fact]
    public void Field_StartsAPathOrExtendsOne()
    {
        Assert.Equal("f:spec", FieldPath.Field(string.Empty, "spec"));
        Assert.Equal($"f:spec{Sep}f:http", FieldPath.Field("f:spec", "http"));
    }

    [Fact]
    public void Key_WritesOnlyTheKeyFields_InOrdinalOrder()
    {
        var item = new JsonObject { ["protocol"] = "TCP", ["port"] = 80, ["name"] = "http" };

        Assert.Equal("k:{\"port\":80,\"protocol\":\"TCP\"}", FieldPath.Key(item, ["protocol", "port"]));
    }

    [Fact]
    public void Value_WritesTheValueAsJson()
    {
        Assert.Equal("v:\"a\"", FieldPath.Value(JsonValue.Create("a")));
        Assert.Equal("v:null", FieldPath.Value(null));
    }

    [Theory]
    [InlineData("k:{\"b\":1,\"a\":2}", "k:{\"a\":2,\"b\":1}")]
    [InlineData("k:not json", "k:not json")]
    [InlineData("k:[1,2]", "k:[1,2]")]
    [InlineData("f:spec", "f:spec")]
    public void Normalize_OrdersTheFieldsOfAKey_AndLeavesTheRest(string segment, string expected)
    {
        Assert.Equal(expected, FieldPath.Normalize(segment));
    }

    [Theory]
    [InlineData("f:spec", "f:spec", true)]
    [InlineData("f:spec", "f:spec\nf:http", true)]
    [InlineData("f:spec\nf:http", "f:spec", true)]
    [InlineData("f:spec", "f:specs", false)]
    [InlineData("f:spec\nf:http", "f:spec\nf:tcp", false)]
    public void Overlaps_IsSameOrBelow_OnWholeSegments(string a, string b, bool expected)
    {
        Assert.Equal(expected, FieldPath.Overlaps(a, b));
    }

    [Fact]
    public void SelfAndAncestors_WalksUpToTheTop()
    {
        Assert.Equal(
            [$"f:a{Sep}f:b{Sep}f:c", $"f:a{Sep}f:b", "f:a"],
            FieldPath.SelfAndAncestors($"f:a{Sep}f:b{Sep}f:c"));
        Assert.Equal(["f:a"], FieldPath.SelfAndAncestors("f:a"));
    }

    [Fact]
    public void Display_ReadsLikeAJsonPath()
    {
        var owner = FieldPath.Child($"f:metadata{Sep}f:ownerReferences", "k:{\"uid\":\"u1\"}");
        var host = FieldPath.Child($"f:spec{Sep}f:hosts", FieldPath.Value(JsonValue.Create("a")));
        var index = FieldPath.Child("f:spec", "i:3");

        Assert.Equal(".metadata.ownerReferences[uid=u1]", FieldPath.Display(owner));
        Assert.Equal(".spec.hosts[\"a\"]", FieldPath.Display(host));
        Assert.Equal(".spec[3]", FieldPath.Display(index));
    }
}

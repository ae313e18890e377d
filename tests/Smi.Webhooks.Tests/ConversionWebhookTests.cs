using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Webhooks.Conversion;
using Smi.Webhooks.Reviews;

namespace Smi.Webhooks.Tests;

public sealed class ConversionWebhookTests
{
    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static JsonObject SplitV1Alpha1() => Parse("""
        {"apiVersion":"split.smi-spec.io/v1alpha1","kind":"TrafficSplit",
         "metadata":{"name":"web","namespace":"shop","annotations":{"team":"a"}},
         "spec":{"service":"web","backends":[{"service":"web-v1","weight":"1"},{"service":"web-v2","weight":"500m"}]}}
        """);

    [Fact]
    public void V1Alpha1_Quantity_Weights_Convert_By_Value_And_Come_Back_Exactly()
    {
        var original = SplitV1Alpha1();
        var v4 = SmiConversionWebhook.ConvertObject(original, "split.smi-spec.io/v1alpha4");

        var weights = v4["spec"]!["backends"]!.AsArray().Select(b => b!["weight"]!.GetValue<decimal>()).ToList();
        Assert.Equal(2m, weights[0] / weights[1]);
        Assert.Equal("a", v4["metadata"]!["annotations"]!["team"]!.GetValue<string>());
        Assert.NotNull(v4["metadata"]!["annotations"]![SmiConversionWebhook.LostFieldsAnnotation]);

        var back = SmiConversionWebhook.ConvertObject(v4, "split.smi-spec.io/v1alpha1");
        Assert.True(JsonNode.DeepEquals(original, back), back.ToJsonString());
        Assert.Null(back["metadata"]!["annotations"]![SmiConversionWebhook.LostFieldsAnnotation]);
    }

    [Fact]
    public void Nothing_Lost_Means_No_Annotation()
    {
        var v2 = Parse("""
            {"apiVersion":"split.smi-spec.io/v1alpha2","kind":"TrafficSplit","metadata":{"name":"web","namespace":"shop"},
             "spec":{"service":"web","backends":[{"service":"a","weight":90},{"service":"b","weight":10}]}}
            """);
        var v4 = SmiConversionWebhook.ConvertObject(v2, "split.smi-spec.io/v1alpha4");
        Assert.Null(v4["metadata"]!["annotations"]);
        Assert.Equal(90, v4["spec"]!["backends"]![0]!["weight"]!.GetValue<int>());
    }

    [Fact]
    public void A_Field_Lost_In_One_Version_Reappears_In_Another_Version_That_Has_It()
    {
        var v1 = Parse("""
            {"apiVersion":"access.smi-spec.io/v1alpha1","kind":"TrafficTarget","metadata":{"name":"tt","namespace":"shop"},
             "destination":{"kind":"ServiceAccount","name":"api","port":8080},
             "specs":[{"kind":"HTTPRouteGroup","name":"routes","matches":["all"]}],
             "sources":[{"kind":"ServiceAccount","name":"web","namespace":"shop"}]}
            """);
        var v3 = SmiConversionWebhook.ConvertObject(v1, "access.smi-spec.io/v1alpha3");
        Assert.Null(v3["spec"]!["destination"]!["port"]);
        Assert.Contains("8080", v3["metadata"]!["annotations"]![SmiConversionWebhook.LostFieldsAnnotation]!.GetValue<string>(), StringComparison.Ordinal);

        var v2 = SmiConversionWebhook.ConvertObject(v3, "access.smi-spec.io/v1alpha2");
        Assert.Equal(8080, v2["spec"]!["destination"]!["port"]!.GetValue<int>());
    }

    [Fact]
    public void An_Edit_Since_The_Conversion_Wins_Over_The_Stale_Annotation()
    {
        var v4 = Parse("""
            {"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web","namespace":"shop"},
             "spec":{"service":"web","matches":[{"kind":"HTTPRouteGroup","name":"canary-users"}],
                     "backends":[{"service":"a","weight":90},{"service":"b","weight":10}]}}
            """);
        var v2 = SmiConversionWebhook.ConvertObject(v4, "split.smi-spec.io/v1alpha2");
        Assert.Null(v2["spec"]!["matches"]);
        v2["spec"]!["backends"]![0]!["weight"] = 50;

        var back = SmiConversionWebhook.ConvertObject(v2, "split.smi-spec.io/v1alpha4");
        Assert.Equal(50, back["spec"]!["backends"]![0]!["weight"]!.GetValue<int>());
        Assert.Null(back["spec"]!["matches"]);
        Assert.Null(back["metadata"]!["annotations"]);
    }

    [Fact]
    public void Review_Converts_Every_Object_In_Order_And_Echoes_The_Uid()
    {
        var review = new ConversionReview
        {
            Request = new ConversionRequest
            {
                Uid = "abc",
                DesiredApiVersion = "split.smi-spec.io/v1alpha4",
                Objects = [SplitV1Alpha1(), Parse("""{"apiVersion":"split.smi-spec.io/v1alpha2","kind":"TrafficSplit","metadata":{"name":"b"},"spec":{"service":"s","backends":[]}}""")],
            },
        };

        var json = JsonSerializer.Serialize(SmiConversionWebhook.Convert(review), ReviewJson.Options);
        var answer = JsonNode.Parse(json)!;
        Assert.Equal("apiextensions.k8s.io/v1", answer["apiVersion"]!.GetValue<string>());
        Assert.Equal("abc", answer["response"]!["uid"]!.GetValue<string>());
        Assert.Equal("Success", answer["response"]!["result"]!["status"]!.GetValue<string>());
        var converted = answer["response"]!["convertedObjects"]!.AsArray();
        Assert.Equal(["web", "b"], converted.Select(o => o!["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(converted, o => Assert.Equal("split.smi-spec.io/v1alpha4", o!["apiVersion"]!.GetValue<string>()));
    }

    [Fact]
    public void An_Unreadable_Object_Fails_The_Review_Naming_Object_And_Field()
    {
        var review = new ConversionReview
        {
            Request = new ConversionRequest
            {
                Uid = "u",
                DesiredApiVersion = "split.smi-spec.io/v1alpha4",
                Objects = [Parse("""{"apiVersion":"split.smi-spec.io/v1alpha2","kind":"TrafficSplit","metadata":{"name":"web","namespace":"shop"},"spec":{"service":"web","backends":[{"service":"a","weight":"heavy"}]}}""")],
            },
        };

        var response = SmiConversionWebhook.Convert(review).Response!;
        Assert.Equal("Failure", response.Result.Status);
        Assert.Empty(response.ConvertedObjects);
        Assert.Contains("TrafficSplit shop/web", response.Result.Message, StringComparison.Ordinal);
        Assert.Contains("spec.backends[0].weight", response.Result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("split.smi-spec.io/v1alpha9")]
    [InlineData("access.smi-spec.io/v1alpha3")]
    public void An_Unknown_Target_Version_Fails(string desired)
    {
        var error = Assert.Throws<ConversionFailedException>(() => SmiConversionWebhook.ConvertObject(SplitV1Alpha1(), desired));
        Assert.Contains("TrafficSplit shop/web", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_But_Readable_Objects_Still_Convert()
    {
        var invalid = Parse("""
            {"apiVersion":"access.smi-spec.io/v1alpha3","kind":"TrafficTarget","metadata":{"name":"tt","namespace":"shop"},
             "spec":{"destination":{"kind":"Group","name":"x"},"rules":[],"sources":[]}}
            """);
        var v4 = SmiConversionWebhook.ConvertObject(invalid, "access.smi-spec.io/v1alpha4");
        Assert.True(JsonNode.DeepEquals(invalid, SmiConversionWebhook.ConvertObject(v4, "access.smi-spec.io/v1alpha3")));
    }
}

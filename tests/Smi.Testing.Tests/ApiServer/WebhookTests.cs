using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>The loopback server calls admission and conversion webhooks as kube-apiserver does.</summary>
public sealed class WebhookTests
{
    private static JsonObject Configuration(string url, string? caBundle, string failurePolicy = "Fail", int timeoutSeconds = 15, string group = TestCrds.Group, params string[] operations) => new()
    {
        ["apiVersion"] = "admissionregistration.k8s.io/v1",
        ["kind"] = "ValidatingWebhookConfiguration",
        ["metadata"] = new JsonObject { ["name"] = "widgets" },
        ["webhooks"] = new JsonArray(new JsonObject
        {
            ["name"] = "check.example.com",
            ["admissionReviewVersions"] = new JsonArray("v1"),
            ["sideEffects"] = "None",
            ["failurePolicy"] = failurePolicy,
            ["timeoutSeconds"] = timeoutSeconds,
            ["clientConfig"] = new JsonObject { ["url"] = url, ["caBundle"] = caBundle },
            ["rules"] = new JsonArray(new JsonObject
            {
                ["apiGroups"] = new JsonArray(group),
                ["apiVersions"] = new JsonArray("*"),
                ["resources"] = new JsonArray("*"),
                ["operations"] = new JsonArray([.. (operations.Length > 0 ? operations : ["CREATE", "UPDATE"]).Select(o => (JsonNode)o)]),
            }),
        }),
    };

    private static async Task<HttpResponseMessage> CreateWidgetAsync(LoopbackApiServer server, string name, int size = 1)
    {
        using var http = server.CreateHttpClient();
        return await http.PostAsync(
            new Uri(server.Url + "/apis/example.com/v1/namespaces/default/widgets"),
            new StringContent(TestCrds.Widget(name, size).ToJsonString(), Encoding.UTF8, "application/json"));
    }

    [Fact]
    public async Task Denial_Is_400_With_The_Webhook_Name_And_Message_And_Nothing_Is_Stored()
    {
        await using var webhook = await FakeWebhook.StartAsync(r => Task.FromResult(FakeWebhook.Admission(r, allowed: false, "spec.size: too big")));
        await using var server = await TestCrds.StartWithWidgetsAsync();
        server.Seed(Configuration(webhook.Url + "validate", webhook.CaBundle));

        using var response = await CreateWidgetAsync(server, "w1");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Failure", status["status"]!.GetValue<string>());
        Assert.Equal("admission webhook \"check.example.com\" denied the request: spec.size: too big", status["message"]!.GetValue<string>());
        Assert.Null(server.Find("example.com/v1", "widgets", "default", "w1"));
        var request = webhook.Reviews.Single()["request"]!;
        Assert.Equal("CREATE", request["operation"]!.GetValue<string>());
        Assert.Equal("widgets", request["resource"]!["resource"]!.GetValue<string>());
        Assert.Equal("w1", request["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_Code_Of_The_Webhook_Is_Kept_And_Warnings_Become_Headers()
    {
        var deny = false;
        await using var webhook = await FakeWebhook.StartAsync(r => Task.FromResult(deny
            ? FakeWebhook.Admission(r, allowed: false, "no", 422)
            : FakeWebhook.Admission(r, allowed: true, null, null, "size is large", "color is unset")));
        await using var server = await TestCrds.StartWithWidgetsAsync();
        server.Seed(Configuration(webhook.Url + "validate", webhook.CaBundle));

        using (var allowed = await CreateWidgetAsync(server, "w1"))
        {
            Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
            Assert.Equal(["299 - \"size is large\"", "299 - \"color is unset\""], allowed.Headers.GetValues("Warning"));
        }

        deny = true;
        using var denied = await CreateWidgetAsync(server, "w2");
        Assert.Equal((HttpStatusCode)422, denied.StatusCode);
    }

    [Fact]
    public async Task Unreachable_Webhook_Fails_Closed_Or_Is_Ignored_By_Policy()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        server.Seed(Configuration("https://127.0.0.1:1/validate", null, "Fail"));
        using (var failed = await CreateWidgetAsync(server, "w1"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            var message = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["message"]!.GetValue<string>();
            Assert.StartsWith("Internal error occurred: failed calling webhook \"check.example.com\"", message, StringComparison.Ordinal);
        }

        server.Seed(Configuration("https://127.0.0.1:1/validate", null, "Ignore"));
        using var ignored = await CreateWidgetAsync(server, "w1");
        Assert.Equal(HttpStatusCode.Created, ignored.StatusCode);
    }

    [Fact]
    public async Task A_Slow_Webhook_Times_Out_After_TimeoutSeconds()
    {
        await using var webhook = await FakeWebhook.StartAsync(async r =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            return FakeWebhook.Admission(r, allowed: true);
        });
        await using var server = await TestCrds.StartWithWidgetsAsync();
        server.Seed(Configuration(webhook.Url + "validate", webhook.CaBundle, "Fail", timeoutSeconds: 1));
        var started = DateTime.UtcNow;
        using var response = await CreateWidgetAsync(server, "w1");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("deadline exceeded", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The webhook would answer after 10 s; the 1 s timeout cut it well before (bound loose for loaded machines).
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task An_Untrusted_Certificate_Is_A_Call_Failure()
    {
        await using var webhook = await FakeWebhook.StartAsync(r => Task.FromResult(FakeWebhook.Admission(r, allowed: true)));
        await using var other = await FakeWebhook.StartAsync(r => Task.FromResult(FakeWebhook.Admission(r, allowed: true)));
        await using var server = await TestCrds.StartWithWidgetsAsync();
        server.Seed(Configuration(webhook.Url + "validate", other.CaBundle, "Fail"));
        using var response = await CreateWidgetAsync(server, "w1");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, webhook.Calls);
    }

    [Fact]
    public async Task Writes_Outside_The_Rules_Never_Reach_The_Webhook()
    {
        await using var webhook = await FakeWebhook.StartAsync(r => Task.FromResult(FakeWebhook.Admission(r, allowed: false, "no")));
        await using var server = await TestCrds.StartWithWidgetsAsync();
        server.Seed(Configuration(webhook.Url + "validate", webhook.CaBundle, "Fail", 5, "other.example.com"));
        using var client = server.CreateClient();
        using var response = await CreateWidgetAsync(server, "w1");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await k8s.CoreV1OperationsExtensions.CreateNamespacedConfigMapAsync(client.CoreV1, new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = "c" } }, "default");
        Assert.Equal(0, webhook.Calls);
    }

    [Fact]
    public async Task Delete_Is_Sent_With_The_Old_Object_When_The_Rules_Ask()
    {
        await using var webhook = await FakeWebhook.StartAsync(r => Task.FromResult(FakeWebhook.Admission(r, allowed: r["request"]!["operation"]!.GetValue<string>() != "DELETE", "kept")));
        await using var server = await TestCrds.StartWithWidgetsAsync();
        server.Seed(Configuration(webhook.Url + "validate", webhook.CaBundle, "Fail", 5, TestCrds.Group, "CREATE", "DELETE"));
        using (var created = await CreateWidgetAsync(server, "w1"))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var http = server.CreateHttpClient();
        using var deleted = await http.DeleteAsync(new Uri(server.Url + "/apis/example.com/v1/namespaces/default/widgets/w1"));
        Assert.Equal(HttpStatusCode.BadRequest, deleted.StatusCode);
        Assert.NotNull(server.Find("example.com/v1", "widgets", "default", "w1"));
        Assert.Equal("w1", webhook.Reviews.Last()["request"]!["oldObject"]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conversion_Webhook_Stores_The_Storage_Version_And_Converts_Reads()
    {
        // A two-version CRD whose webhook renames spec.size (v1) to spec.dimension (v2).
        await using var webhook = await FakeWebhook.StartAsync(review =>
        {
            var request = review["request"]!;
            var desired = request["desiredAPIVersion"]!.GetValue<string>();
            var converted = new JsonArray();
            foreach (var obj in request["objects"]!.AsArray())
            {
                var copy = (JsonObject)obj!.DeepClone();
                var spec = (JsonObject)copy["spec"]!;
                if (desired.EndsWith("/v2", StringComparison.Ordinal) && spec["size"] is { } size)
                {
                    spec.Remove("size");
                    spec["dimension"] = size.DeepClone();
                }
                else if (desired.EndsWith("/v1", StringComparison.Ordinal) && spec["dimension"] is { } dimension)
                {
                    spec.Remove("dimension");
                    spec["size"] = dimension.DeepClone();
                }

                copy["apiVersion"] = desired;
                converted.Add(copy);
            }

            return Task.FromResult(new JsonObject
            {
                ["apiVersion"] = "apiextensions.k8s.io/v1",
                ["kind"] = "ConversionReview",
                ["response"] = new JsonObject { ["uid"] = request["uid"]!.DeepClone(), ["convertedObjects"] = converted, ["result"] = new JsonObject { ["status"] = "Success" } },
            });
        });
        await using var server = await LoopbackApiServer.StartAsync();
        server.Seed(Gadgets(webhook.Url + "convert", webhook.CaBundle));

        using var http = server.CreateHttpClient();
        using var created = await http.PostAsync(
            new Uri(server.Url + "/apis/example.com/v1/namespaces/default/gadgets"),
            new StringContent("""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g"},"spec":{"size":3}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(3, JsonNode.Parse(await created.Content.ReadAsStringAsync())!["spec"]!["size"]!.GetValue<int>());

        var stored = server.Find("example.com/v2", "gadgets", "default", "g")!;
        Assert.Equal("example.com/v2", stored["apiVersion"]!.GetValue<string>());
        Assert.Equal(3, stored["spec"]!["dimension"]!.GetValue<int>());

        var v1 = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Url + "/apis/example.com/v1/namespaces/default/gadgets/g")))!;
        Assert.Equal(3, v1["spec"]!["size"]!.GetValue<int>());
        var list = JsonNode.Parse(await http.GetStringAsync(new Uri(server.Url + "/apis/example.com/v1/namespaces/default/gadgets")))!;
        Assert.Equal(3, list["items"]![0]!["spec"]!["size"]!.GetValue<int>());

        using var patch = new HttpRequestMessage(HttpMethod.Patch, new Uri(server.Url + "/apis/example.com/v1/namespaces/default/gadgets/g"))
        {
            Content = new StringContent("""{"spec":{"size":5}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        using var patched = await http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(5, server.Find("example.com/v2", "gadgets", "default", "g")!["spec"]!["dimension"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_Failing_Conversion_Webhook_Is_500()
    {
        await using var webhook = await FakeWebhook.StartAsync(review => Task.FromResult(new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "ConversionReview",
            ["response"] = new JsonObject { ["uid"] = review["request"]!["uid"]!.DeepClone(), ["convertedObjects"] = new JsonArray(), ["result"] = new JsonObject { ["status"] = "Failure", ["message"] = "spec.size: cannot convert" } },
        }));
        await using var server = await LoopbackApiServer.StartAsync();
        server.Seed(Gadgets(webhook.Url + "convert", webhook.CaBundle));
        using var http = server.CreateHttpClient();
        using var created = await http.PostAsync(
            new Uri(server.Url + "/apis/example.com/v1/namespaces/default/gadgets"),
            new StringContent("""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g"},"spec":{"size":3}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.InternalServerError, created.StatusCode);
        Assert.Contains("spec.size: cannot convert", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static JsonObject Gadgets(string url, string caBundle)
    {
        JsonObject Version(string name, string field, bool storage) => new()
        {
            ["name"] = name,
            ["served"] = true,
            ["storage"] = storage,
            ["schema"] = new JsonObject
            {
                ["openAPIV3Schema"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["spec"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { [field] = new JsonObject { ["type"] = "integer" } } },
                    },
                },
            },
        };

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = "gadgets.example.com" },
            ["spec"] = new JsonObject
            {
                ["group"] = "example.com",
                ["scope"] = "Namespaced",
                ["names"] = new JsonObject { ["kind"] = "Gadget", ["plural"] = "gadgets", ["singular"] = "gadget", ["listKind"] = "GadgetList" },
                ["versions"] = new JsonArray(Version("v1", "size", false), Version("v2", "dimension", true)),
                ["conversion"] = new JsonObject
                {
                    ["strategy"] = "Webhook",
                    ["webhook"] = new JsonObject { ["conversionReviewVersions"] = new JsonArray("v1"), ["clientConfig"] = new JsonObject { ["url"] = url, ["caBundle"] = caBundle } },
                },
            },
        };
    }
}

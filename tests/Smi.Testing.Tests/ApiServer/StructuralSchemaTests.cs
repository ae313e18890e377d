using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// Field pruning and defaulting of custom objects by their CRD's structural schema, as kube-apiserver does
/// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/, "Field pruning"
/// and "Defaulting"; field validation modes in https://kubernetes.io/docs/reference/using-api/api-concepts/).
/// </summary>
public sealed class StructuralSchemaTests
{
    private const string GatewayGroup = "gateway.networking.k8s.io";

    private static async Task<LoopbackApiServer> StartWithHttpRoutesAsync()
    {
        var server = await LoopbackApiServer.StartAsync();
        server.InstallCrds(Path.Combine(RepositoryPaths.Crds, "gateway-api", "v1.6.1", "standard"));
        return server;
    }

    private static JsonObject Route(string name, string rulesJson) => new()
    {
        ["apiVersion"] = GatewayGroup + "/v1",
        ["kind"] = "HTTPRoute",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["parentRefs"] = new JsonArray(new JsonObject { ["name"] = "mesh" }),
            ["rules"] = JsonNode.Parse(rulesJson),
        },
    };

    private static async Task<HttpResponseMessage> PostAsync(LoopbackApiServer server, string path, JsonObject body)
    {
        using var http = server.CreateHttpClient();
        return await http.PostAsync(
            new Uri(server.Url + path),
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    [Fact]
    public async Task HttpRoute_Rule_Without_Matches_Gets_The_PathPrefix_Slash_Default_And_Nested_Defaults()
    {
        await using var server = await StartWithHttpRoutesAsync();
        using var client = server.CreateClient();
        var route = Route("web", """[{"backendRefs": [{"name": "web-v1", "port": 80}]}, {"matches": [{}]}]""");

        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            route, GatewayGroup, "v1", "default", "httproutes");

        var stored = server.Find(GatewayGroup + "/v1", "httproutes", "default", "web")!;
        var expectedRules = """
            [
              {"backendRefs": [{"group": "", "kind": "Service", "name": "web-v1", "port": 80, "weight": 1}],
               "matches": [{"path": {"type": "PathPrefix", "value": "/"}}]},
              {"matches": [{"path": {"type": "PathPrefix", "value": "/"}}]}
            ]
            """;
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expectedRules), stored["spec"]!["rules"]),
            stored["spec"]!["rules"]!.ToJsonString());
        var parent = stored["spec"]!["parentRefs"]![0]!;
        Assert.Equal(GatewayGroup, parent["group"]!.GetValue<string>());
        Assert.Equal("Gateway", parent["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyDefaults_Fills_In_What_A_Create_Stores()
    {
        await using var server = await StartWithHttpRoutesAsync();
        using var client = server.CreateClient();
        var route = Route("web", """[{"backendRefs": [{"name": "web-v1", "port": 80}]}, {"matches": [{}]}]""");
        var defaulted = (JsonObject)route.DeepClone();

        server.ApplyDefaults(GatewayGroup + "/v1", "httproutes", defaulted);
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            route, GatewayGroup, "v1", "default", "httproutes");

        var stored = server.Find(GatewayGroup + "/v1", "httproutes", "default", "web")!;
        Assert.False(JsonNode.DeepEquals(route["spec"], stored["spec"]), "the route has defaults to fill in");
        Assert.True(JsonNode.DeepEquals(defaulted["spec"], stored["spec"]), defaulted["spec"]!.ToJsonString());
    }

    [Fact]
    public async Task HttpRoute_Without_Rules_Gets_The_Default_Rule_With_Its_Nested_Defaults()
    {
        await using var server = await StartWithHttpRoutesAsync();
        using var client = server.CreateClient();
        var route = Route("web", "[]");
        route["spec"]!.AsObject().Remove("rules");

        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            route, GatewayGroup, "v1", "default", "httproutes");

        var stored = server.Find(GatewayGroup + "/v1", "httproutes", "default", "web")!;
        var expected = JsonNode.Parse("""[{"matches": [{"path": {"type": "PathPrefix", "value": "/"}}]}]""");
        Assert.True(JsonNode.DeepEquals(expected, stored["spec"]!["rules"]), stored["spec"]!["rules"]!.ToJsonString());
    }

    [Fact]
    public async Task Defaults_Apply_On_Merge_Patch_Without_A_Spurious_Write_On_Reapply()
    {
        await using var server = await StartWithHttpRoutesAsync();
        using var client = server.CreateClient();
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            Route("web", """[{"matches": [{"path": {"type": "Exact", "value": "/a"}}]}]"""),
            GatewayGroup,
            "v1",
            "default",
            "httproutes");
        var patch = new V1Patch(
            """{"spec": {"rules": [{"matches": [{"method": "GET"}]}]}}""", V1Patch.PatchType.MergePatch);

        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            patch, GatewayGroup, "v1", "default", "httproutes", "web");
        var first = server.Find(GatewayGroup + "/v1", "httproutes", "default", "web")!;
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            patch, GatewayGroup, "v1", "default", "httproutes", "web");
        var second = server.Find(GatewayGroup + "/v1", "httproutes", "default", "web")!;

        var expected = JsonNode.Parse(
            """[{"matches": [{"method": "GET", "path": {"type": "PathPrefix", "value": "/"}}]}]""");
        Assert.True(JsonNode.DeepEquals(expected, first["spec"]!["rules"]), first["spec"]!["rules"]!.ToJsonString());
        Assert.Equal(
            first["metadata"]!["resourceVersion"]!.GetValue<string>(),
            second["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_Fields_Are_Pruned_With_A_Warning_By_Default_And_Silently_With_Ignore()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        var widget = TestCrds.Widget("w1", 1);
        widget["spec"]!["colour"] = "red";
        widget["extra"] = new JsonObject { ["a"] = 1 };

        using (var response = await PostAsync(server, "/apis/example.com/v1/namespaces/default/widgets", widget))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal(
                ["299 - \"unknown field \\\"spec.colour\\\"\"", "299 - \"unknown field \\\"extra\\\"\""],
                response.Headers.GetValues("Warning"));
        }

        widget["metadata"]!["name"] = "w2";
        var ignore = "/apis/example.com/v1/namespaces/default/widgets?fieldValidation=Ignore";
        using (var ignored = await PostAsync(server, ignore, widget))
        {
            Assert.Equal(HttpStatusCode.Created, ignored.StatusCode);
            Assert.False(ignored.Headers.Contains("Warning"));
        }

        foreach (var name in new[] { "w1", "w2" })
        {
            var stored = server.Find("example.com/v1", "widgets", "default", name)!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"size": 1}"""), stored["spec"]), stored.ToJsonString());
            Assert.False(stored.ContainsKey("extra"));
        }
    }

    [Fact]
    public async Task Strict_Field_Validation_Refuses_Unknown_Fields_With_400_Naming_Each()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        var widget = TestCrds.Widget("w1", 1);
        widget["spec"]!["colour"] = "red";

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CustomObjects.CreateNamespacedCustomObjectAsync(
                widget, TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, fieldValidation: "Strict"));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Equal(
            "Widget in version \"v1\" cannot be handled as a Widget: "
                + "strict decoding error: unknown field \"spec.colour\"",
            KubernetesJson.Deserialize<V1Status>(error.Response.Content).Message);
        Assert.Null(server.Find("example.com/v1", "widgets", "default", "w1"));
    }

    [Fact]
    public async Task Preserve_Unknown_Fields_And_Embedded_Resources_Keep_Their_Fields()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.Seed(JsonNode.Parse(EmbeddingCrd)!.AsObject());
        using var client = server.CreateClient();
        var holder = JsonNode.Parse("""
            {"apiVersion": "example.com/v1", "kind": "Holder", "metadata": {"name": "h", "namespace": "default"},
             "spec": {"free": {"any": {"thing": 1}},
                      "template": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"},
                                   "data": {"k": "v"}, "junk": true},
                      "known": {"kept": "a", "dropped": "b"}}}
            """)!.AsObject();

        await client.CustomObjects.CreateNamespacedCustomObjectAsync(holder, "example.com", "v1", "default", "holders");

        var stored = server.Find("example.com/v1", "holders", "default", "h")!;
        var expected = JsonNode.Parse("""
            {"free": {"any": {"thing": 1}},
             "template": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"k": "v"}},
             "known": {"kept": "a", "mode": "auto"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, stored["spec"]), stored["spec"]!.ToJsonString());
    }

    private const string EmbeddingCrd = """
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "holders.example.com"},
         "spec": {"group": "example.com", "scope": "Namespaced",
                  "names": {"kind": "Holder", "plural": "holders"},
                  "versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema": {
                    "type": "object", "properties": {"spec": {"type": "object", "properties": {
                      "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                      "template": {"type": "object", "x-kubernetes-embedded-resource": true,
                                   "properties": {"data": {"type": "object",
                                                           "additionalProperties": {"type": "string"}}}},
                      "known": {"type": "object", "properties": {"kept": {"type": "string"},
                                                                 "mode": {"type": "string", "default": "auto"}}}
                    }}}}}}]}}
        """;
}

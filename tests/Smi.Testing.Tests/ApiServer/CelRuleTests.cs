using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// <c>x-kubernetes-validations</c> (CEL) rules of real CRDs, evaluated as kube-apiserver does
/// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/, "Validation
/// rules"): a failed rule is 422 Invalid naming the field and the rule's message; a rule the CEL library cannot
/// evaluate is listed, never taken as passed.
/// </summary>
public sealed class CelRuleTests(ITestOutputHelper output)
{
    private const string Group = "gateway.networking.k8s.io";

    private static async Task<LoopbackApiServer> StartAsync()
    {
        var server = await LoopbackApiServer.StartAsync();
        server.InstallCrds(Path.Combine(RepositoryPaths.Crds, "gateway-api", "v1.6.1", "standard"));
        return server;
    }

    private static JsonObject Route(string name, string rulesJson) => new()
    {
        ["apiVersion"] = Group + "/v1",
        ["kind"] = "HTTPRoute",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["spec"] = new JsonObject
        {
            ["parentRefs"] = new JsonArray(new JsonObject { ["name"] = "mesh", ["kind"] = "Service", ["group"] = "" }),
            ["rules"] = JsonNode.Parse(rulesJson),
        },
    };

    private static Task<object> CreateAsync(IKubernetes client, JsonObject route) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync(route, Group, "v1", "default", "httproutes");

    [Fact]
    public async Task A_Relative_Path_Match_Fails_The_HttpRoute_Rule_With_Kube_Apiservers_Message()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(
            client, Route("web", """[{"matches": [{"path": {"type": "Exact", "value": "api"}}]}]""")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Invalid", status.Reason);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal("spec.rules[0].matches[0].path", cause.Field);
        Assert.Equal(
            "Invalid value: \"object\": value must be an absolute path and start with '/' when type one of "
                + "['Exact', 'PathPrefix']",
            cause.Message);
        Assert.StartsWith(
            "HTTPRoute.gateway.networking.k8s.io \"web\" is invalid: ", status.Message, StringComparison.Ordinal);
        Assert.Null(server.Find(Group + "/v1", "httproutes", "default", "web"));
    }

    [Fact]
    public async Task A_Repeated_Filter_And_A_Filter_Without_Its_Field_Fail_Their_Rules()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        var rules = """
            [{"filters": [
                {"type": "RequestRedirect", "requestRedirect": {"statusCode": 301}},
                {"type": "RequestRedirect", "requestRedirect": {"statusCode": 302}},
                {"type": "URLRewrite"}]}]
            """;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(client, Route("web", rules)));

        var causes = KubernetesJson.Deserialize<V1Status>(error.Response.Content).Details.Causes
            .Select(c => (c.Field, c.Message))
            .ToList();
        output.WriteLine(string.Join("\n", causes));
        Assert.Contains(
            ("spec.rules[0].filters", "Invalid value: \"array\": RequestRedirect filter cannot be repeated"), causes);
        Assert.Contains(
            causes,
            c => c.Field == "spec.rules[0].filters[2]" && c.Message.Contains("urlRewrite", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Valid_HttpRoute_Passes_And_Every_Rule_The_Library_Cannot_Evaluate_Is_Listed()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        var rules = """
            [{"matches": [{"path": {"type": "PathPrefix", "value": "/api"},
                           "headers": [{"name": "x-canary", "value": "true"}],
                           "queryParams": [{"name": "v", "value": "2"}], "method": "GET"}],
              "filters": [{"type": "RequestHeaderModifier",
                           "requestHeaderModifier": {"set": [{"name": "x-a", "value": "b"}]}},
                          {"type": "URLRewrite", "urlRewrite": {"path": {"type": "ReplacePrefixMatch",
                                                                          "replacePrefixMatch": "/v2"}}}],
              "backendRefs": [{"name": "web-v1", "port": 80, "weight": 90},
                              {"name": "web-v2", "port": 80, "weight": 10}],
              "timeouts": {"request": "10s", "backendRequest": "5s"}}]
            """;

        await CreateAsync(client, Route("web", rules));

        Assert.NotNull(server.Find(Group + "/v1", "httproutes", "default", "web"));
        var unevaluated = server.UnevaluatedCelRules.Select(r => r.Path + ": " + r.Rule).ToList();
        output.WriteLine($"{unevaluated.Count} rules not evaluated:\n" + string.Join("\n", server.UnevaluatedCelRules));
        Assert.Equal(ExpectedUnevaluated, unevaluated);
    }

    [Fact]
    public async Task A_Rule_The_Library_Cannot_Evaluate_Is_Listed_And_Warned_About_Not_Passed_Silently()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        server.Seed(JsonNode.Parse(LinkCrd)!.AsObject());
        var link = JsonNode.Parse("""
            {"apiVersion": "example.com/v1", "kind": "Link", "metadata": {"name": "l", "namespace": "default"},
             "spec": {"url": "http://example.com/a/b", "depth": 3}}
            """)!.AsObject();

        using var http = server.CreateHttpClient();
        using var response = await http.PostAsync(
            new Uri(server.Url + "/apis/example.com/v1/namespaces/default/links"),
            new StringContent(link.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rules = server.UnevaluatedCelRules;
        output.WriteLine(string.Join("\n", rules));
        Assert.Equal(["isURL(self)", "self.split('/').size() > 1"], rules.Select(r => r.Rule));
        Assert.Equal(["spec.url", "spec.url"], rules.Select(r => r.Path));
        Assert.All(rules, r => Assert.Equal("links.example.com", r.Crd));
        Assert.Equal(
            2, response.Headers.GetValues("Warning").Count(w => w.Contains("not evaluated", StringComparison.Ordinal)));

        // The rules it can evaluate still hold: depth must stay at most 3.
        link["metadata"]!["name"] = "m";
        link["spec"]!["depth"] = 5;
        using var client = server.CreateClient();
        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CustomObjects.CreateNamespacedCustomObjectAsync(
                link, "example.com", "v1", "default", "links"));
        var cause = Assert.Single(KubernetesJson.Deserialize<V1Status>(error.Response.Content).Details.Causes);
        Assert.Equal(
            ("spec.depth", "Invalid value: \"integer\": failed rule: self <= 3"), (cause.Field, cause.Message));
    }

    private const string LinkCrd = """
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "links.example.com"},
         "spec": {"group": "example.com", "scope": "Namespaced", "names": {"kind": "Link", "plural": "links"},
                  "versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema": {
                    "type": "object", "properties": {"spec": {"type": "object", "properties": {
                      "url": {"type": "string", "x-kubernetes-validations": [
                        {"rule": "isURL(self)", "message": "must be a URL"},
                        {"rule": "self.split('/').size() > 1"},
                        {"rule": "self.startsWith('http')"}]},
                      "depth": {"type": "integer", "x-kubernetes-validations": [{"rule": "self <= 3"}]}
                    }}}}}}]}}
        """;

    /// <summary>
    /// The HTTPRoute v1.6.1 rules this route meets that use functions the CEL library lacks: none; a new entry here
    /// means a rule is no longer checked.
    /// </summary>
    private static readonly string[] ExpectedUnevaluated = [];
}

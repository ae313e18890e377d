using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

public sealed class ValidationTests
{
    /// <summary>Stands in for the CRD schema checker: spec.size is a required integer.</summary>
    private sealed class SizeValidator : ICustomResourceValidator
    {
        public IReadOnlyList<FieldViolation> Validate(CrdDefinition crd, string version, JsonObject obj) =>
            obj["spec"]?["size"] switch
            {
                null => [new FieldViolation("spec.size", "Required value")],
                JsonValue value when value.TryGetValue<int>(out _) => [],
                var other => [new FieldViolation("spec.size", $"{other.ToJsonString()}: spec.size in body must be of type integer")],
            };
    }

    [Fact]
    public async Task Invalid_Custom_Object_Is_Refused_With_422_Naming_The_Field()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        server.Validator = new SizeValidator();
        using var client = server.CreateClient();
        var widget = TestCrds.Widget("w1", 1);
        widget["spec"]!["size"] = "big";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => TestCrds.CreateWidgetAsync(client, widget));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("Widget", status.Details.Kind);
        Assert.Equal("spec.size", Assert.Single(status.Details.Causes).Field);
        Assert.Contains("Widget.example.com \"w1\" is invalid", status.Message, StringComparison.Ordinal);
        Assert.Null(server.Find("example.com/v1", "widgets", "default", "w1"));

        await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("w1", 1));
        var badPatch = new V1Patch("""{"spec":{"size":null}}""", V1Patch.PatchType.MergePatch);
        var patchError = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.PatchNamespacedCustomObjectAsync(badPatch, TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, patchError.Response.StatusCode);
    }

    [Fact]
    public async Task Schema_Checker_Refuses_Wrong_Types_And_Missing_Fields()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        var wrongType = TestCrds.Widget("w1", 1);
        wrongType["spec"]!["size"] = "big";
        var missing = TestCrds.Widget("w3", 1);
        missing["spec"]!.AsObject().Remove("size");

        foreach (var (widget, field) in new[] { (wrongType, "spec.size"), (missing, "spec.size") })
        {
            var error = await Assert.ThrowsAsync<HttpOperationException>(() => TestCrds.CreateWidgetAsync(client, widget));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
            var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
            Assert.Equal("Invalid", status.Reason);
            Assert.Contains(status.Details.Causes, c => c.Field == field);
        }

        await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("ok", 1, color: "red"));
    }

    [Fact]
    public async Task Invalid_TrafficSplit_Is_Refused_By_The_Real_Smi_Crd()
    {
        var crds = RepositoryPaths.Crds;

        await using var server = await LoopbackApiServer.StartAsync();
        server.InstallCrds(Path.Combine(crds, "smi"));
        using var client = server.CreateClient();
        var split = new JsonObject
        {
            ["apiVersion"] = "split.smi-spec.io/v1alpha4",
            ["kind"] = "TrafficSplit",
            ["metadata"] = new JsonObject { ["name"] = "canary" },
            ["spec"] = new JsonObject { ["service"] = "web" },
        };

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CustomObjects.CreateNamespacedCustomObjectAsync(split, "split.smi-spec.io", "v1alpha4", "default", "trafficsplits"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains(KubernetesJson.Deserialize<V1Status>(error.Response.Content).Details.Causes, c => c.Field == "spec.backends");

        split["spec"]!["backends"] = new JsonArray(new JsonObject { ["service"] = "web-v1", ["weight"] = 100 });
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(split, "split.smi-spec.io", "v1alpha4", "default", "trafficsplits");
    }

    [Fact]
    public async Task Invalid_Name_Is_Refused_With_422()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "Not_Valid" } }, "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Equal("metadata.name", Assert.Single(KubernetesJson.Deserialize<V1Status>(error.Response.Content).Details.Causes).Field);
    }
}

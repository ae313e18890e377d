using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// Server-side apply of a field the installed CRD's structural schema does not declare: kube-apiserver cannot convert
/// the apply configuration to a typed value (<c>staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/
/// structuredmerge.go</c>, Apply) and answers HTTP 500 with a Status carrying only that message
/// (kubernetes/kubernetes#122480, #139253).
/// </summary>
public sealed class SchemaSkewTests
{
    private static Task<object> ApplyAsync(IKubernetes client, JsonObject widget, string version = TestCrds.Version) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(widget, V1Patch.PatchType.ApplyPatch),
            TestCrds.Group,
            version,
            "default",
            TestCrds.Plural,
            widget["metadata"]!["name"]!.GetValue<string>(),
            fieldManager: "smi-adapter");

    [Fact]
    public async Task Apply_With_A_Field_The_Schema_Does_Not_Declare_Is_A_500_With_The_Typed_Patch_Message()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        var widget = TestCrds.Widget("w1", 1);
        widget["spec"]!["shade"] = "dark";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(client, widget));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal(
            "failed to create typed patch object (default/w1; example.com/v1, Kind=Widget): "
                + ".spec.shade: field not declared in schema",
            status.Message);
        Assert.Equal(500, status.Code);
        Assert.Null(status.Reason);
        Assert.Null(server.Find("example.com/v1", "widgets", "default", "w1"));
    }

    [Fact]
    public async Task Apply_Through_A_Version_That_Preserves_Unknown_Fields_Is_Accepted()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        var widget = TestCrds.Widget("w1", 1);
        widget["apiVersion"] = "example.com/v1beta1";
        widget["spec"]!["shade"] = "dark";

        var applied = TestCrds.Node(await ApplyAsync(client, widget, "v1beta1"));

        Assert.Equal("dark", (string?)applied["spec"]!["shade"]);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

public sealed class ServerSideApplyTests
{
    private static Task<object> ApplyAsync(IKubernetes client, JsonObject widget, string manager, bool? force = null) =>
        client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(widget, V1Patch.PatchType.ApplyPatch), TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, widget["metadata"]!["name"]!.GetValue<string>(), fieldManager: manager, force: force);

    [Fact]
    public async Task Apply_Creates_Updates_And_Is_A_NoOp_When_Repeated()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();

        var created = TestCrds.Node(await ApplyAsync(client, TestCrds.Widget("w1", 1, color: "red"), "smi-adapter"));
        Assert.Equal(1, created["spec"]!["size"]!.GetValue<int>());
        var managed = Assert.Single(created["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("smi-adapter", managed["manager"]!.GetValue<string>());
        Assert.Equal("Apply", managed["operation"]!.GetValue<string>());

        var again = TestCrds.Node(await ApplyAsync(client, TestCrds.Widget("w1", 1, color: "red"), "smi-adapter"));
        Assert.Equal(created["metadata"]!["resourceVersion"]!.GetValue<string>(), again["metadata"]!["resourceVersion"]!.GetValue<string>());

        var updated = TestCrds.Node(await ApplyAsync(client, TestCrds.Widget("w1", 2), "smi-adapter"));
        Assert.Equal(2, updated["spec"]!["size"]!.GetValue<int>());
        Assert.Null(updated["spec"]!["color"]);
        Assert.Equal(2, updated["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Second_Manager_Conflicts_Unless_Forced()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        await ApplyAsync(client, TestCrds.Widget("w1", 1, color: "red"), "first");

        var sameValue = TestCrds.Node(await ApplyAsync(client, TestCrds.Widget("w1", 1), "second"));
        Assert.Equal("red", sameValue["spec"]!["color"]!.GetValue<string>());

        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(client, TestCrds.Widget("w1", 5), "second"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(conflict.Response.Content);
        Assert.Equal("Conflict", status.Reason);
        Assert.Contains("conflict with \"first\": .spec.size", status.Message, StringComparison.Ordinal);
        Assert.Equal(".spec.size", Assert.Single(status.Details.Causes).Field);

        var forced = TestCrds.Node(await ApplyAsync(client, TestCrds.Widget("w1", 5), "second", force: true));
        Assert.Equal(5, forced["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("red", forced["spec"]!["color"]!.GetValue<string>());

        // "first" lost spec.size; dropping spec.color from its apply removes the field it alone owns.
        var firstAgain = TestCrds.Node(await ApplyAsync(client, new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = "w1", ["labels"] = new JsonObject { ["owner"] = "first" } },
        }, "first"));
        Assert.Null(firstAgain["spec"]!["color"]);
        Assert.Equal(5, firstAgain["spec"]!["size"]!.GetValue<int>());
        Assert.Equal("first", firstAgain["metadata"]!["labels"]!["owner"]!.GetValue<string>());
    }

    /// <summary>
    /// An update (here a merge patch) moves the fields it changes to its own <c>Update</c> manager; the next apply
    /// that changes them conflicts with that manager, named as kube-apiserver does (<c>"kubectl-edit" using v1</c>,
    /// <c>managedfields/internal/conflict.go</c>); Service ports are keyed by port and protocol, the protocol taking
    /// its default (https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts).
    /// </summary>
    [Fact]
    public async Task Apply_Conflicts_With_An_Update_From_Another_Manager()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, TargetPort = 8080 }] },
        };
        var apply = new V1Patch(service, V1Patch.PatchType.ApplyPatch);
        await client.CoreV1.PatchNamespacedServiceAsync(apply, "web", "default", fieldManager: "controller");

        var edit = new V1Patch("""{"spec":{"ports":[{"port":80,"targetPort":8081}]}}""", V1Patch.PatchType.MergePatch);
        var edited = await client.CoreV1.PatchNamespacedServiceAsync(
            edit, "web", "default", fieldManager: "kubectl-edit");
        var editor = Assert.Single(edited.Metadata.ManagedFields, m => m.Manager == "kubectl-edit");
        Assert.Equal("Update", editor.Operation);

        var conflict = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.PatchNamespacedServiceAsync(apply, "web", "default", fieldManager: "controller"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(conflict.Response.Content);
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1: "
                + ".spec.ports[port=80,protocol=\"TCP\"].targetPort",
            status.Message);

        var forced = await client.CoreV1.PatchNamespacedServiceAsync(
            apply, "web", "default", fieldManager: "controller", force: true);
        Assert.Equal("8080", forced.Spec.Ports.Single().TargetPort.Value);
        Assert.DoesNotContain(forced.Metadata.ManagedFields, m => m.Manager == "kubectl-edit");
    }

    [Fact]
    public async Task Apply_Without_Field_Manager_Is_Rejected()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => ApplyAsync(client, TestCrds.Widget("w1", 1), null!));

        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
    }

    [Fact]
    public async Task Apply_To_Status_Subresource_Touches_Only_Status()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        await ApplyAsync(client, TestCrds.Widget("w1", 1), "controller");
        var statusApply = TestCrds.Widget("w1", 42);
        statusApply["status"] = new JsonObject { ["phase"] = "Ready" };

        var result = TestCrds.Node(await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(statusApply, V1Patch.PatchType.ApplyPatch), TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1", fieldManager: "controller-status"));

        Assert.Equal("Ready", result["status"]!["phase"]!.GetValue<string>());
        Assert.Equal(1, result["spec"]!["size"]!.GetValue<int>());
    }
}

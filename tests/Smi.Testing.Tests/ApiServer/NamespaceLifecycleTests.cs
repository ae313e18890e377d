using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// Namespace phases as kube-apiserver and the namespace controller handle them
/// (https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/ and
/// https://kubernetes.io/docs/tasks/administer-cluster/namespaces/#deleting-a-namespace): DELETE sets phase
/// Terminating (<c>pkg/registry/core/namespace/storage/storage.go</c>), the namespace controller deletes the content
/// and then the namespace (<c>pkg/controller/namespace/deletion/namespaced_resources_deleter.go</c>), and the
/// NamespaceLifecycle admission plugin (<c>plugin/pkg/admission/namespace/lifecycle/admission.go</c>) refuses new
/// content meanwhile with 403.
/// </summary>
public sealed class NamespaceLifecycleTests
{
    private static V1Namespace Namespace(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    private static V1ConfigMap ConfigMap(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out waiting until {what}");
    }

    [Fact]
    public async Task Deleted_Namespace_Is_Terminating_Refuses_New_Content_And_Goes_Once_Its_Content_Is_Gone()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        var created = await client.CoreV1.CreateNamespaceAsync(Namespace("shop"));
        Assert.Equal("Active", created.Status.Phase);
        Assert.Equal(["kubernetes"], created.Spec.Finalizers);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("plain"), "shop");
        server.Seed(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = "guarded",
                ["namespace"] = "shop",
                ["finalizers"] = new JsonArray("example.com/cleanup"),
            },
        });

        var answer = await client.CoreV1.DeleteNamespaceAsync("shop");
        Assert.NotNull(answer);
        var terminating = await client.CoreV1.ReadNamespaceAsync("shop");
        Assert.Equal("Terminating", terminating.Status.Phase);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);

        var refused = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("late"), "shop"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(refused.Response.Content);
        Assert.Equal("Forbidden", status.Reason);
        Assert.Equal(
            "configmaps \"late\" is forbidden: "
                + "unable to create new content in namespace shop because it is being terminated",
            status.Message);
        Assert.Equal("NamespaceTerminating", Assert.Single(status.Details.Causes).Reason);

        // The plain object goes; the guarded one waits for its finalizer, and so does the namespace.
        await EventuallyAsync(
            () => Task.FromResult(server.Find("v1", "configmaps", "shop", "plain") is null), "the content is deleted");
        var guarded = await client.CoreV1.ReadNamespacedConfigMapAsync("guarded", "shop");
        Assert.NotNull(guarded.Metadata.DeletionTimestamp);
        Assert.NotNull(server.Find("v1", "namespaces", null, "shop"));

        // Updates are still allowed in a terminating namespace: removing the finalizer lets everything go.
        await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "guarded", "shop");
        await EventuallyAsync(
            () => Task.FromResult(server.Find("v1", "namespaces", null, "shop") is null), "the namespace is deleted");

        // And the name can be used again.
        var recreated = await client.CoreV1.CreateNamespaceAsync(Namespace("shop"));
        Assert.Equal("Active", recreated.Status.Phase);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// Finalizers and <c>metadata.deletionTimestamp</c>, as kube-apiserver's generic registry handles them
/// (<c>staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go</c>: Delete marks an object with
/// finalizers, Update deletes it once the last one is removed; <c>pkg/registry/rest/update.go</c> refuses new
/// finalizers on a terminating object), documented at
/// https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/.
/// </summary>
public sealed class FinalizerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static JsonObject Guarded(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["finalizers"] = new JsonArray("example.com/cleanup") },
        ["data"] = new JsonObject { ["k"] = "v" },
    };

    private static V1ConfigMap Plain(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    private static V1Patch Merge(string json) => new(json, V1Patch.PatchType.MergePatch);

    [Fact]
    public async Task Delete_With_Finalizers_Marks_The_Object_And_Removing_The_Last_Finalizer_Deletes_It()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default", cancellationToken: cts.Token);
        var watch = client.CoreV1.WatchListNamespacedConfigMapAsync(
            "default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token);
        var collecting = CollectAsync(watch, 4, cts.Token);
        server.Seed(Guarded("guarded"));

        // DELETE answers 200 with the object, now carrying deletionTimestamp; it stays readable.
        var response = await client.CoreV1.DeleteNamespacedConfigMapWithHttpMessagesAsync(
            "guarded", "default", cancellationToken: cts.Token);
        Assert.Equal(HttpStatusCode.OK, response.Response.StatusCode);
        var marked = await client.CoreV1.ReadNamespacedConfigMapAsync(
            "guarded", "default", cancellationToken: cts.Token);
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.Equal(0, marked.Metadata.DeletionGracePeriodSeconds);

        // A second DELETE changes nothing; a create of the same name is 409 AlreadyExists meanwhile.
        await client.CoreV1.DeleteNamespacedConfigMapAsync("guarded", "default", cancellationToken: cts.Token);
        var again = await client.CoreV1.ReadNamespacedConfigMapAsync(
            "guarded", "default", cancellationToken: cts.Token);
        Assert.Equal(marked.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.CreateNamespacedConfigMapAsync(Plain("guarded"), "default"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Contains("AlreadyExists", conflict.Response.Content, StringComparison.Ordinal);

        // Adding a finalizer to a terminating object is forbidden; other changes are allowed.
        var added = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedConfigMapAsync(
            Merge("""{"metadata":{"finalizers":["example.com/cleanup","example.com/more"]}}"""),
            "guarded",
            "default",
            cancellationToken: cts.Token));
        Assert.Equal(HttpStatusCode.Forbidden, added.Response.StatusCode);
        Assert.Contains(
            "no new finalizers can be added if the object is being deleted",
            added.Response.Content,
            StringComparison.Ordinal);

        // Removing the last finalizer deletes it: the watch sees ADDED, MODIFIED (marked), MODIFIED, DELETED.
        await client.CoreV1.PatchNamespacedConfigMapAsync(
            Merge("""{"metadata":{"finalizers":null}}"""), "guarded", "default", cancellationToken: cts.Token);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.ReadNamespacedConfigMapAsync("guarded", "default", cancellationToken: cts.Token));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
        var events = await collecting;
        Assert.Equal(
            [WatchEventType.Added, WatchEventType.Modified, WatchEventType.Modified, WatchEventType.Deleted],
            events.Select(e => e.Type).ToList());
        Assert.NotNull(events[1].Item.Metadata.DeletionTimestamp);

        // Now the name is free.
        await client.CoreV1.CreateNamespacedConfigMapAsync(Plain("guarded"), "default", cancellationToken: cts.Token);
    }

    [Fact]
    public async Task Custom_Object_With_Finalizer_Is_Marked_And_Server_Side_Apply_Keeps_It_Terminating()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        var widget = TestCrds.Widget("w1", 1);
        widget["metadata"]!["finalizers"] = new JsonArray("example.com/cleanup");
        await TestCrds.CreateWidgetAsync(client, widget);

        var answer = TestCrds.Node(await client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, "w1"));
        Assert.Equal("Widget", (string?)answer["kind"]);
        Assert.NotNull(answer["metadata"]!["deletionTimestamp"]);
        Assert.Equal(2, answer["metadata"]!["generation"]!.GetValue<long>());

        var stored = await TestCrds.GetWidgetAsync(client, "w1");
        Assert.NotNull(stored["metadata"]!["deletionTimestamp"]);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(
            Merge("""{"metadata":{"finalizers":[]}}"""),
            TestCrds.Group,
            TestCrds.Version,
            "default",
            TestCrds.Plural,
            "w1");
        Assert.Null(server.Find("example.com/v1", "widgets", "default", "w1"));
    }

    private static async Task<List<(WatchEventType Type, V1ConfigMap Item)>> CollectAsync(
        IAsyncEnumerable<(WatchEventType, V1ConfigMap)> events, int count, CancellationToken cancellationToken)
    {
        var result = new List<(WatchEventType, V1ConfigMap)>();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            result.Add(e);
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }
}

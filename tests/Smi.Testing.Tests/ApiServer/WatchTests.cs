using k8s;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static V1Service Service(string name, IDictionary<string, string>? labels = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
    };

    private static async IAsyncEnumerable<T> Rest<T>(IAsyncEnumerator<T> events)
    {
        while (await events.MoveNextAsync())
        {
            yield return events.Current;
        }
    }

    private static async Task<List<(WatchEventType Type, V1Service Item)>> CollectAsync(
        IAsyncEnumerable<(WatchEventType, V1Service)> events, int count, CancellationToken cancellationToken)
    {
        var result = new List<(WatchEventType, V1Service)>();
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

    [Fact]
    public async Task Watch_Receives_Added_Modified_Deleted_In_Order()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        var list = await client.CoreV1.ListNamespacedServiceAsync("default", cancellationToken: cts.Token);

        var watch = client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token);
        var collecting = CollectAsync(watch, 3, cts.Token);

        await client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default", cancellationToken: cts.Token);
        var patch = new V1Patch("""{"metadata":{"labels":{"x":"1"}}}""", V1Patch.PatchType.MergePatch);
        var modified = await client.CoreV1.PatchNamespacedServiceAsync(patch, "web", "default", cancellationToken: cts.Token);
        await client.CoreV1.DeleteNamespacedServiceAsync("web", "default", cancellationToken: cts.Token);

        var events = await collecting;
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type).ToList());
        Assert.Equal(modified.Metadata.ResourceVersion, events[1].Item.Metadata.ResourceVersion);
        Assert.Equal("1", events[1].Item.Metadata.Labels["x"]);
        Assert.True(long.Parse(events[2].Item.Metadata.ResourceVersion) > long.Parse(events[1].Item.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Watch_Without_Version_Starts_With_Current_Objects_And_Honours_Label_Selector()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        await client.CoreV1.CreateNamespacedServiceAsync(Service("a", new Dictionary<string, string> { ["app"] = "shop" }), "default");
        await client.CoreV1.CreateNamespacedServiceAsync(Service("b"), "default");

        var watch = client.CoreV1.WatchListNamespacedServiceAsync("default", labelSelector: "app=shop", cancellationToken: cts.Token);
        await using var events = watch.GetAsyncEnumerator(cts.Token);

        // The watch has started once its first event (the current object "a") has arrived; only then change objects,
        // so the outcome does not depend on how fast the machine opens the watch.
        Assert.True(await events.MoveNextAsync(), "the watch ended before its first event");
        var first = events.Current;
        var collecting = CollectAsync(Rest(events), 2, cts.Token);

        await client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"metadata":{"labels":{"app":"shop"}}}""", V1Patch.PatchType.MergePatch), "b", "default");
        await client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"metadata":{"labels":{"app":"blog"}}}""", V1Patch.PatchType.MergePatch), "a", "default");

        var received = (await collecting).Prepend(first);
        Assert.Equal(
            [(WatchEventType.Added, "a"), (WatchEventType.Added, "b"), (WatchEventType.Deleted, "a")],
            received.Select(e => (e.Item1, e.Item2.Metadata.Name)).ToList());
    }

    [Fact]
    public async Task Quiet_Watch_Gets_Bookmarks()
    {
        await using var server = await LoopbackApiServer.StartAsync(new LoopbackApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        await client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");
        var list = await client.CoreV1.ListNamespacedServiceAsync("default");

        var watch = client.CoreV1.WatchListNamespacedServiceAsync("default", allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cts.Token);
        var events = await CollectAsync(watch, 1, cts.Token);

        var (type, bookmark) = Assert.Single(events);
        Assert.Equal(WatchEventType.Bookmark, type);
        Assert.Equal(list.Metadata.ResourceVersion, bookmark.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Expired_ResourceVersion_Gets_410_Then_Relist_And_Watch_Work()
    {
        await using var server = await LoopbackApiServer.StartAsync(new LoopbackApiServerOptions { WatchHistoryLimit = 3 });
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        var start = await client.CoreV1.ListNamespacedServiceAsync("default");
        for (var i = 0; i < 6; i++)
        {
            await client.CoreV1.CreateNamespacedServiceAsync(Service("s" + i), "default");
        }

        var errors = new List<Exception>();
        var stale = client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: start.Metadata.ResourceVersion, onError: errors.Add, cancellationToken: cts.Token);
        var staleEvents = await CollectAsync(stale, int.MaxValue, cts.Token);

        Assert.Empty(staleEvents);
        var gone = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, gone.Status.Code);
        Assert.Equal("Expired", gone.Status.Reason);

        var relist = await client.CoreV1.ListNamespacedServiceAsync("default");
        Assert.Equal(6, relist.Items.Count);
        var fresh = client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: relist.Metadata.ResourceVersion, cancellationToken: cts.Token);
        var collecting = CollectAsync(fresh, 1, cts.Token);
        await client.CoreV1.CreateNamespacedServiceAsync(Service("late"), "default");
        Assert.Equal("late", Assert.Single(await collecting).Item.Metadata.Name);
    }

    [Fact]
    public async Task Recent_ResourceVersion_Replays_History()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        var start = await client.CoreV1.ListNamespacedServiceAsync("default");
        await client.CoreV1.CreateNamespacedServiceAsync(Service("a"), "default");
        await client.CoreV1.DeleteNamespacedServiceAsync("a", "default");

        var watch = client.CoreV1.WatchListNamespacedServiceAsync("default", resourceVersion: start.Metadata.ResourceVersion, cancellationToken: cts.Token);
        var events = await CollectAsync(watch, 2, cts.Token);

        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], events.Select(e => e.Type).ToList());
    }

    [Fact]
    public async Task Custom_Objects_Can_Be_Watched_Across_Namespaces()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(Patience);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "other" } });

        var watch = client.CustomObjects.WatchListClusterCustomObjectAsync(TestCrds.Group, TestCrds.Version, TestCrds.Plural, timeoutSeconds: 5, cancellationToken: cts.Token);
        var received = new List<(WatchEventType, string)>();
        var collecting = Task.Run(
            async () =>
            {
                await foreach (var (type, item) in watch)
                {
                    received.Add((type, TestCrds.Node(item)["metadata"]!["namespace"]!.GetValue<string>()));
                    if (received.Count == 2)
                    {
                        break;
                    }
                }
            },
            cts.Token);
        await Task.Delay(100, cts.Token);
        await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("w1", 1));
        await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("w1", 1, "other"), "other");

        await collecting;
        Assert.Equal([(WatchEventType.Added, "default"), (WatchEventType.Added, "other")], received);
    }

    [Fact]
    public async Task Watch_Callback_Helper_Works_And_Timeout_Ends_It()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        var closed = new TaskCompletionSource();
        var added = new TaskCompletionSource<string>();
#pragma warning disable CS0618 // The list-call watch helper is still what much existing code uses; check it too.
        var response = client.CoreV1.ListNamespacedServiceWithHttpMessagesAsync("default", watch: true, timeoutSeconds: 1);
        using var watcher = response.Watch<V1Service, V1ServiceList>(
            (type, item) => added.TrySetResult(type + ":" + item.Metadata.Name),
            onClosed: () => closed.TrySetResult());
#pragma warning restore CS0618

        await Task.Delay(100);
        await client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");

        Assert.Equal("Added:web", await added.Task.WaitAsync(Patience));
        await closed.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Replayed_Burst_Arrives_Whole_In_Order_Each_Event_As_Get_Serves_The_Object()
    {
        // More events than one flush holds are queued before the watch starts: every one arrives, in order, and the
        // last is not held back; each object is served as a GET serves it at that version.
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        using var http = server.CreateHttpClient();
        using var cts = new CancellationTokenSource(Patience * 3);
        var list = await client.CoreV1.ListNamespacedServiceAsync("default", cancellationToken: cts.Token);
        await client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default", cancellationToken: cts.Token);
        const int Changes = 300;
        for (var i = 0; i < Changes; i++)
        {
            var body = new System.Text.Json.Nodes.JsonObject
            {
                ["metadata"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["labels"] = new System.Text.Json.Nodes.JsonObject { ["step"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    ["annotations"] = new System.Text.Json.Nodes.JsonObject { ["note"] = $"<{new string('x', 200)}&>\u00e9" },
                },
            };
            var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
            await client.CoreV1.PatchNamespacedServiceAsync(patch, "web", "default", cancellationToken: cts.Token);
        }

        var served = await http.GetStringAsync("/api/v1/namespaces/default/services/web", cts.Token);
        var url = "/api/v1/namespaces/default/services?watch=true&resourceVersion=" + list.Metadata.ResourceVersion;
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        var lines = new List<string>();
        while (lines.Count < Changes + 1 && await reader.ReadLineAsync(cts.Token) is { } line)
        {
            lines.Add(line);
        }

        Assert.Equal(Changes + 1, lines.Count);
        var events = lines.Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!).ToList();
        Assert.Equal("ADDED", (string?)events[0]["type"]);
        Assert.All(events.Skip(1), e => Assert.Equal("MODIFIED", (string?)e["type"]));
        var versions = events.Select(e => long.Parse((string)e["object"]!["metadata"]!["resourceVersion"]!)).ToList();
        Assert.Equal(versions.Order().Distinct(), versions);
        Assert.Equal(
            Enumerable.Range(0, Changes).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            events.Skip(1).Select(e => (string?)e["object"]!["metadata"]!["labels"]!["step"]));
        Assert.Equal("""{"type":"MODIFIED","object":""" + served + "}", lines[^1]);
    }
}

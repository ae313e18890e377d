using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// Paginated lists as kube-apiserver serves them
/// (https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks;
/// <c>k8s.io/apiserver/pkg/storage/etcd3/store.go</c> GetList and <c>etcd3/errors.go</c>): every page is read at the
/// first page's resource version, and a continue token whose version has been compacted is 410 Expired with a token
/// that goes on at the newest version.
/// </summary>
public sealed class ListPagingTests
{
    private static V1Service Service(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80, Name = "http" }] },
    };

    private static Task<V1ServiceList> Page(Kubernetes client, string? token) =>
        client.CoreV1.ListNamespacedServiceAsync("default", limit: 2, continueParameter: token);

    private static string Names(V1ServiceList list) => string.Join(",", list.Items.Select(i => i.Metadata.Name));

    [Fact]
    public async Task Later_Pages_Are_Read_At_The_First_Pages_Resource_Version()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            await client.CoreV1.CreateNamespacedServiceAsync(Service(name), "default");
        }

        var first = await client.CoreV1.ListNamespacedServiceAsync("default", limit: 2);
        Assert.Equal("a,b", Names(first));
        Assert.Equal(3, first.Metadata.RemainingItemCount);

        await client.CoreV1.DeleteNamespacedServiceAsync("c", "default");
        await client.CoreV1.CreateNamespacedServiceAsync(Service("cc"), "default");

        var second = await Page(client, first.Metadata.ContinueProperty);
        Assert.Equal("c,d", Names(second));
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        var third = await Page(client, second.Metadata.ContinueProperty);
        Assert.Equal("e", Names(third));
        Assert.Null(third.Metadata.ContinueProperty);
    }

    [Theory]
    [InlineData("app=web", null)]
    [InlineData(null, "metadata.namespace=default")]
    public async Task A_Page_Of_A_Selected_List_Has_No_Remaining_Item_Count(string? labels, string? fields)
    {
        // ListMeta.remainingItemCount: "If the list request contained label or field selectors, then the number of
        // remaining items is unknown and the field will be left unset"; the continue token is still given.
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        foreach (var name in new[] { "a", "b", "c" })
        {
            var service = Service(name);
            service.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
            await client.CoreV1.CreateNamespacedServiceAsync(service, "default");
        }

        var first = await client.CoreV1.ListNamespacedServiceAsync(
            "default", limit: 2, labelSelector: labels, fieldSelector: fields);
        Assert.Equal("a,b", Names(first));
        Assert.NotNull(first.Metadata.ContinueProperty);
        Assert.Null(first.Metadata.RemainingItemCount);
        var second = await Page(client, first.Metadata.ContinueProperty);
        Assert.Equal("c", Names(second));
    }

    [Fact]
    public async Task Pages_Across_Namespaces_Follow_Etcds_Key_Order_And_Lose_Nothing()
    {
        // etcd orders keys by their bytes, /registry/services/specs/<namespace>/<name>: "a-b/q" comes before "a/x",
        // and a continue token inside namespace "a" must not skip "a-b".
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        foreach (var ns in new[] { "a", "a-b" })
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }

        foreach (var (ns, name) in new[] { ("a", "x"), ("a", "y"), ("a", "z"), ("a-b", "q") })
        {
            var service = Service(name);
            service.Metadata.NamespaceProperty = ns;
            await client.CoreV1.CreateNamespacedServiceAsync(service, ns);
        }

        var seen = new List<string>();
        string? token = null;
        for (var page = 0; page < 10; page++)
        {
            var list = await client.CoreV1.ListServiceForAllNamespacesAsync(limit: 1, continueParameter: token);
            seen.AddRange(list.Items.Where(s => s.Metadata.NamespaceProperty != "default")
                .Select(s => s.Metadata.NamespaceProperty + "/" + s.Metadata.Name));
            token = list.Metadata.ContinueProperty;
            if (token is null)
            {
                break;
            }
        }

        Assert.Null(token);
        Assert.Equal(["a-b/q", "a/x", "a/y", "a/z"], seen);
    }

    [Fact]
    public async Task A_Continue_Token_Older_Than_The_Compaction_Is_410_Expired()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await client.CoreV1.CreateNamespacedServiceAsync(Service(name), "default");
        }

        var first = await client.CoreV1.ListNamespacedServiceAsync("default", limit: 2);
        await client.CoreV1.DeleteNamespacedServiceAsync("d", "default");
        server.Compact();

        var expired = await Assert.ThrowsAsync<HttpOperationException>(
            () => Page(client, first.Metadata.ContinueProperty));
        Assert.Equal(HttpStatusCode.Gone, expired.Response.StatusCode);
        var status = JsonNode.Parse(expired.Response.Content)!.AsObject();
        Assert.Equal("Expired", status["reason"]?.GetValue<string>());
        Assert.Equal(410, status["code"]?.GetValue<int>());
        Assert.StartsWith(
            "The provided continue parameter is too old to display a consistent list result.",
            status["message"]?.GetValue<string>(),
            StringComparison.Ordinal);

        // The token in the answer continues at the newest version: the deleted "d" is not there.
        var inconsistent = status["metadata"]?["continue"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(inconsistent));
        var rest = await Page(client, inconsistent);
        Assert.Equal("c", Names(rest));

        // A token from a list made after the compaction still works.
        var fresh = await client.CoreV1.ListNamespacedServiceAsync("default", limit: 2);
        var next = await Page(client, fresh.Metadata.ContinueProperty);
        Assert.Equal("c", Names(next));
    }

    [Fact]
    public async Task A_Malformed_Continue_Token_Is_400()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        var bad = await Assert.ThrowsAsync<HttpOperationException>(
            () => Page(client, "not-a-token"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Response.StatusCode);
    }

    [Fact]
    public async Task A_Watch_From_Before_The_Compaction_Is_Expired()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        var created = await client.CoreV1.CreateNamespacedServiceAsync(Service("a"), "default");
        await client.CoreV1.CreateNamespacedServiceAsync(Service("b"), "default");
        server.Compact();

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var types = new List<WatchEventType>();
        Exception? failure = null;
#pragma warning disable CS0618
        var response = client.CoreV1.ListNamespacedServiceWithHttpMessagesAsync(
            "default",
            resourceVersion: created.Metadata.ResourceVersion,
            watch: true,
            timeoutSeconds: 5,
            cancellationToken: cancel.Token);
        await foreach (var (type, _) in response.WatchAsync<V1Service, V1ServiceList>(e => failure ??= e, cancel.Token))
#pragma warning restore CS0618
        {
            types.Add(type);
        }

        Assert.True(
            types.Contains(WatchEventType.Error) || failure is KubernetesException { Status.Code: 410 },
            $"events: {string.Join(",", types)}; failure: {failure?.Message}");
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// Deleting a CustomResourceDefinition while its objects are watched: kube-apiserver's CRD finalizer
/// (<c>apiextensions-apiserver/pkg/controller/finalizer/crd_finalizer.go</c>) deletes every custom resource (watchers
/// see DELETED), the kind leaves discovery and its endpoints answer 404
/// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/,
/// "Delete a CustomResourceDefinition").
/// Creating the CRD again serves the kind again, empty.
/// </summary>
public sealed class CrdRemovalTests
{
    [Fact]
    public async Task Deleting_A_Crd_Deletes_Its_Objects_Ends_Watches_And_Stops_Serving_The_Kind()
    {
        await using var server = await TestCrds.StartWithWidgetsAsync();
        using var client = server.CreateClient();
        using var http = server.CreateHttpClient();
        await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("w1", 1));
        await TestCrds.CreateWidgetAsync(client, TestCrds.Widget("w2", 2));
        var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.com");
        var from = server.ResourceVersion.ToString(CultureInfo.InvariantCulture);

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<(WatchEventType Type, string? Name)>();
        var watching = Task.Run(async () =>
        {
#pragma warning disable CS0618
            var call = client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(
                TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural, resourceVersion: from, watch: true,
                timeoutSeconds: 25, cancellationToken: cancel.Token);
            await foreach (var (type, item) in call.WatchAsync<JsonElement, object>(_ => { }, cancel.Token))
#pragma warning restore CS0618
            {
                events.Add((type, item.GetProperty("metadata").GetProperty("name").GetString()));
            }
        });
        await Eventually(() => server.Requests.Any(
            r => r.IsWatch && r.Path.EndsWith("/widgets", StringComparison.Ordinal)));

        await client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.example.com");

        // The watch ends on its own, long before its timeout, after a DELETED for each object.
        await watching.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(cancel.IsCancellationRequested);
        Assert.Equal("Deleted:w1,Deleted:w2", string.Join(",", events.Select(e => $"{e.Type}:{e.Name}")));

        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => TestCrds.GetWidgetAsync(client, "w1"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
        Assert.DoesNotContain("\"widgets\"", await DiscoveryAsync(http), StringComparison.Ordinal);

        crd.Metadata = new V1ObjectMeta { Name = crd.Metadata.Name };
        crd.Status = null;
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        Assert.Contains("\"widgets\"", await DiscoveryAsync(http), StringComparison.Ordinal);
        var list = JsonNode.Parse(JsonSerializer.Serialize(await client.CustomObjects.ListNamespacedCustomObjectAsync(
            TestCrds.Group, TestCrds.Version, "default", TestCrds.Plural)))!;
        Assert.Empty(list["items"]!.AsArray());
    }

    private static Task<string> DiscoveryAsync(HttpClient http) =>
        http.GetStringAsync(new Uri("/apis/example.com/v1", UriKind.Relative));

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the watch did not open");
            await Task.Delay(20);
        }
    }
}

using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>Request delays, stalled watches and the 410 fault.</summary>
public sealed class SlowAndStalledTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private static V1ConfigMap ConfigMap(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    [Fact]
    public async Task A_Delayed_Request_Is_Answered_After_Its_Delay()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Delays.Add(r => r.IsWrite && r.Path == ConfigMaps, TimeSpan.FromMilliseconds(400));

        var watch = Stopwatch.StartNew();
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(400), $"answered after {watch.Elapsed}");
        Assert.Single((await client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
    }

    [Fact]
    public async Task A_Request_Its_Client_Gives_Up_During_The_Delay_Is_Never_Handled()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var impatient = server.CreateClient(TimeSpan.FromMilliseconds(300));
        using var patient = server.CreateClient();
        server.Delays.Add(r => r.IsWrite && r.Path == ConfigMaps, TimeSpan.FromSeconds(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => impatient.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default"));
        await EventuallyAsync(() => server.Requests.Any(r => r.IsWrite && r.StatusCode == 0 && r.Fault));
        server.Delays.Clear();
        Assert.Empty((await patient.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
    }

    [Fact]
    public async Task A_Stalled_Watch_Answers_200_And_Sends_Nothing_Past_Its_Timeout()
    {
        await using var server = await LoopbackApiServer.StartAsync(new LoopbackApiServerOptions
        {
            BookmarkInterval = TimeSpan.FromMilliseconds(100),
        });
        using var client = server.CreateClient();
        server.Faults.StallNext(r => r.IsWatch && r.Path == ConfigMaps);
        using var http = server.CreateHttpClient(timeout: Timeout.InfiniteTimeSpan);
        var uri = new Uri(ConfigMaps + "?watch=true&timeoutSeconds=1&allowWatchBookmarks=true", UriKind.Relative);
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");

        // Nothing arrives: no event, no bookmark, and no end at the requested timeout.
        await using var body = await response.Content.ReadAsStreamAsync();
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(2.5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await body.ReadAtLeastAsync(new byte[64], 1, throwOnEndOfStream: false, quiet.Token));

        // The fault is spent: the next watch streams as usual and ends at its timeout.
        var next = await http.GetStringAsync(uri);
        Assert.Contains("\"ADDED\"", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_410_Fault_Says_The_Resource_Version_Is_Too_Old()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Faults.FailNext(ConfigMaps, statusCode: 410);

        var error = await Assert.ThrowsAsync<HttpOperationException>(
            () => client.CoreV1.ListNamespacedConfigMapAsync("default"));
        Assert.Equal(HttpStatusCode.Gone, error.Response.StatusCode);
        Assert.Equal("Expired", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Reason);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 30 s");
            await Task.Delay(20);
        }
    }
}

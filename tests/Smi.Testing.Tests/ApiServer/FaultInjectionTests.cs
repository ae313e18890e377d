using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Smi.Testing.ApiServer;

namespace Smi.Testing.Tests.ApiServer;

public sealed class FaultInjectionTests
{
    private static V1ConfigMap ConfigMap(string name) => new() { Metadata = new V1ObjectMeta { Name = name } };

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task FailNext_Surfaces_The_Status_Code_Then_Recovers(int code)
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Faults.FailNext("/api/v1/namespaces/default/configmaps", count: 2, statusCode: code);

        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedConfigMapAsync("default"));
            Assert.Equal((HttpStatusCode)code, error.Response.StatusCode);
            Assert.Equal(code, KubernetesJson.Deserialize<V1Status>(error.Response.Content).Code);
        }

        Assert.Empty((await client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
        Assert.Equal(2, server.Requests.Count(r => r.Fault && r.StatusCode == code));
        Assert.Equal(0, server.Faults.Pending);
    }

    /// <summary>
    /// API Priority and Fairness rejects with 429, a <c>Retry-After</c> header and <c>details.retryAfterSeconds</c>
    /// (https://kubernetes.io/docs/concepts/cluster-administration/flow-control/,
    /// <c>staging/src/k8s.io/apiserver/pkg/server/filters/priority-and-fairness.go</c>).
    /// </summary>
    [Fact]
    public async Task Injected_429_Carries_Retry_After()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var http = server.CreateHttpClient();
        server.Faults.FailNext("/api/v1/namespaces/default/configmaps", statusCode: 429);

        using var response = await http.GetAsync(new Uri("/api/v1/namespaces/default/configmaps", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        var status = KubernetesJson.Deserialize<V1Status>(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, status.Details.RetryAfterSeconds);
    }

    [Fact]
    public async Task FailNext_With_Predicate_Only_Hits_Matching_Requests()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Faults.FailNext(r => r.Method == "POST", statusCode: 500);

        Assert.Empty((await client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default"));
        Assert.Equal(HttpStatusCode.InternalServerError, error.Response.StatusCode);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
    }

    [Fact]
    public async Task HangNext_Times_Out_On_The_Client_Timeout()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var impatient = server.CreateClient(TimeSpan.FromMilliseconds(500));
        server.Faults.HangNext("/api/v1/namespaces/default/configmaps");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.CoreV1.ListNamespacedConfigMapAsync("default"));

        // The fault is spent: the next request answers (a patient client, so a loaded machine cannot fail it).
        using var patient = server.CreateClient();
        Assert.Empty((await patient.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
        Assert.Contains(server.Requests, r => r.Fault && r.StatusCode == 0);
    }

    [Fact]
    public async Task ConflictNext_Gives_409_On_Writes_Only()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        server.Faults.ConflictNext("/api/v1/namespaces/default/configmaps");

        Assert.Empty((await client.CoreV1.ListNamespacedConfigMapAsync("default")).Items);
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default"));
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("Conflict", KubernetesJson.Deserialize<V1Status>(error.Response.Content).Reason);
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
    }

    [Fact]
    public async Task CutWatches_Ends_Open_Watches()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        var first = new TaskCompletionSource();
        var received = 0;

        var watching = Task.Run(
            async () =>
            {
                await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default", cancellationToken: cts.Token))
                {
                    received++;
                    first.TrySetResult();
                }
            },
            cts.Token);
        await first.Task.WaitAsync(cts.Token);
        server.Faults.CutWatches();

        await watching.WaitAsync(cts.Token);
        Assert.Equal(1, received);
        Assert.False(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task Requests_Are_Recorded_And_Writes_Counted()
    {
        await using var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient();
        server.ClearRequests();

        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b"), "default");
        await client.CoreV1.ReadNamespacedConfigMapAsync("a", "default");
        await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "x=y");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"k":"v"}}""", V1Patch.PatchType.MergePatch), "a", "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("b", "default");

        Assert.Equal(6, server.Requests.Count);
        Assert.Equal(["POST", "POST", "PATCH", "DELETE"], server.Writes.Select(w => w.Method).ToList());
        var list = server.Requests.Single(r => r.Method == "GET" && r.Path == "/api/v1/namespaces/default/configmaps");
        Assert.Contains("labelSelector=x%3Dy", list.Query, StringComparison.Ordinal);
        Assert.Equal("application/merge-patch+json", server.Writes[2].ContentType?.Split(';')[0]);
        Assert.All(server.Requests, r => Assert.InRange(r.StatusCode, 200, 201));

        server.ClearRequests();
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Dispose_Frees_The_Port_And_Ends_Watches()
    {
        var server = await LoopbackApiServer.StartAsync();
        using var client = server.CreateClient(TimeSpan.FromSeconds(5));
        var url = new Uri(server.Url);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var watching = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var _ in client.CoreV1.WatchListNamespacedConfigMapAsync("default", cancellationToken: cts.Token))
                    {
                    }
                }
                catch (HttpRequestException)
                {
                    // A dropped connection is an acceptable end too.
                }
                catch (IOException)
                {
                    // Same.
                }
            },
            cts.Token);
        await Task.Delay(200, cts.Token);

        await server.DisposeAsync();

        await watching.WaitAsync(cts.Token);
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, url.Port);
        listener.Start();
        listener.Stop();
    }
}

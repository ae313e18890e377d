using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// API Priority and Fairness rejects excess requests with 429 and <c>Retry-After</c> in seconds
/// (https://kubernetes.io/docs/concepts/cluster-administration/flow-control/; the loopback server's injected 429 sends
/// <c>Retry-After: 1</c>). The controller waits at least that long before it sends the request again, where its own
/// backoff (50 ms in these tests) would come back much sooner. .NET timers on Linux run on the coarse monotonic clock
/// (a few milliseconds per tick) while the server stamps requests with the wall clock, so a one-second wait can measure
/// a few milliseconds short; the bound allows <see cref="TimerGranularity"/> for that and still fails on the backoff.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class RetryAfterIntegrationTest(ITestOutputHelper output)
{
    private static readonly TimeSpan TimerGranularity = TimeSpan.FromMilliseconds(25);

    [Fact]
    public async Task A_429_With_Retry_After_Is_Retried_No_Sooner_Than_It_Says()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        static bool VirtualServiceWrite(ApiRequestInfo r) =>
            r.IsWrite && r.Path.Contains("/virtualservices/", StringComparison.Ordinal);
        harness.Server.Faults.FailNext(VirtualServiceWrite, 1, 429);
        harness.ApplyFile("canary-basic");

        await Eventually.HoldsAsync(
            () => harness.VirtualService("shop", "web") is not null, "the VirtualService exists");
        await ControllerHarness.WaitIdleAsync(core);
        var writes = harness.Server.Requests
            .Where(r => r.IsWrite && r.Path.Contains("/virtualservices/", StringComparison.Ordinal))
            .ToList();
        var rejected = Assert.Single(writes, r => r.Fault && r.StatusCode == 429);
        var next = writes.First(r => r.Time > rejected.Time && !r.Fault);
        var waited = next.Time - rejected.Time;
        output.WriteLine($"retried after {waited.TotalMilliseconds:F0} ms");
        Assert.True(waited >= TimeSpan.FromSeconds(1) - TimerGranularity, $"retried after {waited.TotalMilliseconds:F0} ms");
    }
}

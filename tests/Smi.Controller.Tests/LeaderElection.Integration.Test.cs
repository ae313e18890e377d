using System.Diagnostics;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class LeaderElectionIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task Only_The_Leader_Writes_And_A_Follower_Takes_Over()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        // Generous enough that a leader on a loaded machine renews in time, so leadership never flips mid-test.
        var (leader, follower, _) = await StartPairAsync(
            harness, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(500));

        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null, "the leader applies the VirtualService");
        await ControllerHarness.WaitIdleAsync(leader);
        await ControllerHarness.WaitIdleAsync(follower);
        Assert.True(leader.Metrics.Writes.WithLabels("apply").Value > 0);
        Assert.Equal(0, WritesOf(follower));
        Assert.NotNull(harness.Server.Find("coordination.k8s.io/v1", "leases", InstalledRbac.Namespace, "smi-adapter-istio"));

        await harness.StopAsync(leader);
        await Eventually.HoldsAsync(() => follower.IsLeader, "the follower takes over once the lease expires", TimeSpan.FromSeconds(40));
        harness.Apply("""
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: web-canary, namespace: shop}
            spec:
              service: web
              backends:
              - service: web-v1
                weight: 20
              - service: web-v2
                weight: 80
            """);
        await Eventually.HoldsAsync(
            () => ControllerHarness.Weights(harness.VirtualService("shop", "web"))
                .GetValueOrDefault("web-v2.shop.svc.cluster.local") == 80,
            "the new leader applies the change");
        // The write lands on the server before the controller counts it: poll the counter too.
        await Eventually.HoldsAsync(() => WritesOf(follower) > 0, "the new leader counts its write");
    }

    [Fact]
    public async Task A_Gracefully_Stopped_Leader_Releases_The_Lease_And_The_Follower_Leads_Within_Two_Seconds()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        // The default duration: without the release the follower would wait 15 seconds.
        var (leader, follower, followerName) = await StartPairAsync(
            harness, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(300));
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(
            () => harness.VirtualService("shop", "web") is not null, "the leader applies the VirtualService");

        var sinceStop = Stopwatch.StartNew();
        await harness.StopAsync(leader);
        var writesAtStop = WritesOf(leader);
        await Eventually.HoldsAsync(
            () => follower.IsLeader, "the follower leads within 2 s of the leader's stop", TimeSpan.FromSeconds(2));
        output.WriteLine($"the follower led {sinceStop.ElapsedMilliseconds} ms after the stop began");
        Assert.True(sinceStop.Elapsed < TimeSpan.FromSeconds(2), $"took {sinceStop.Elapsed}");
        var lease = harness.Server.Find("coordination.k8s.io/v1", "leases", InstalledRbac.Namespace, "smi-adapter-istio")!;
        Assert.Equal(followerName, lease["spec"]!["holderIdentity"]!.GetValue<string>());

        // The stopped leader writes nothing more; the new one does the work.
        harness.Apply("""
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: web-canary, namespace: shop}
            spec:
              service: web
              backends:
              - service: web-v1
                weight: 30
              - service: web-v2
                weight: 70
            """);
        await Eventually.HoldsAsync(
            () => ControllerHarness.Weights(harness.VirtualService("shop", "web"))
                .GetValueOrDefault("web-v2.shop.svc.cluster.local") == 70,
            "the new leader applies the change");
        Assert.Equal(writesAtStop, WritesOf(leader));
    }

    /// <summary>Starts controllers "a" and "b" electing through one Lease; returns them once exactly one leads.</summary>
    private static async Task<(Reconcile.ControllerCore Leader, Reconcile.ControllerCore Follower, string FollowerName)>
        StartPairAsync(ControllerHarness harness, TimeSpan leaseDuration, TimeSpan renewDeadline, TimeSpan retryPeriod)
    {
        void Elect(ControllerOptions o)
        {
            o.LeaderElection.Enabled = true;
            o.LeaderElection.LeaseNamespace = InstalledRbac.Namespace;
            o.LeaderElection.LeaseDuration = leaseDuration;
            o.LeaderElection.RenewDeadline = renewDeadline;
            o.LeaderElection.RetryPeriod = retryPeriod;
        }

        var a = await harness.StartControllerAsync(Elect, "a", waitIdle: false);
        var b = await harness.StartControllerAsync(Elect, "b", waitIdle: false);
        await Eventually.HoldsAsync(() => a.IsLeader ^ b.IsLeader, "exactly one instance leads");
        return a.IsLeader ? (a, b, "b") : (b, a, "a");
    }

    private static double WritesOf(Reconcile.ControllerCore core) =>
        new[] { "apply", "delete", "status", "event" }.Sum(v => core.Metrics.Writes.WithLabels(v).Value);
}

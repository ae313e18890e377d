using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class LeaderElectionIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task Only_The_Leader_Writes_And_A_Follower_Takes_Over()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        static void Elect(ControllerOptions o)
        {
            o.LeaderElection.Enabled = true;
            o.LeaderElection.LeaseNamespace = "kube-system";
            // Generous enough that a leader on a loaded machine renews in time, so leadership never flips mid-test.
            o.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(8);
            o.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(6);
            o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(500);
        }

        var a = await harness.StartControllerAsync(Elect, "a", waitIdle: false);
        var b = await harness.StartControllerAsync(Elect, "b", waitIdle: false);
        await Eventually.HoldsAsync(() => a.IsLeader ^ b.IsLeader, "exactly one instance leads");
        var (leader, follower) = a.IsLeader ? (a, b) : (b, a);

        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null, "the leader applies the VirtualService");
        await ControllerHarness.WaitIdleAsync(leader);
        await ControllerHarness.WaitIdleAsync(follower);
        Assert.True(leader.Metrics.Writes.WithLabels("apply").Value > 0);
        Assert.Equal(0, WritesOf(follower));
        Assert.NotNull(harness.Server.Find("coordination.k8s.io/v1", "leases", "kube-system", "smi-adapter-istio"));

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
        await Eventually.HoldsAsync(() => ControllerHarness.Weights(harness.VirtualService("shop", "web")).GetValueOrDefault("web-v2.shop.svc.cluster.local") == 80, "the new leader applies the change");
        Assert.True(WritesOf(follower) > 0);
    }

    private static double WritesOf(Reconcile.ControllerCore core) =>
        new[] { "apply", "delete", "status", "event" }.Sum(v => core.Metrics.Writes.WithLabels(v).Value);
}

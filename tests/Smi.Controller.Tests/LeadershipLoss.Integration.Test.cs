using System.Globalization;
using Smi.Controller.Reconcile;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The Lease changes hands in the middle of a long pass (the server slows the outputs' writes down): the old leader
/// sends no write once it has read the Lease with the new holder, and what it had in flight is cancelled; the new
/// leader finishes the work, writing each output that was not yet written exactly once.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class LeadershipLossIntegrationTest(ITestOutputHelper output)
{
    private const int Count = 24;
    private const string OutputPrefix = "/apis/networking.istio.io/v1/namespaces/shop/virtualservices/";

    [Fact]
    public async Task A_Leader_That_Finds_The_Lease_Taken_Mid_Pass_Stops_Writing_And_The_New_Leader_Ends_Exact()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.Server.Delays.Add(
            r => r.IsWrite && r.Path.StartsWith(OutputPrefix, StringComparison.Ordinal),
            TimeSpan.FromMilliseconds(300));
        // The inputs are all there before the first instance starts: its caches then list them whole, and what it
        // applies is final. Inputs seeded while it runs reach it on separate watches (a TrafficSplit before its root
        // Service), so it could apply a transient output that the next pass, here the new leader's, corrects.
        harness.Apply(SplitFleet.Yaml(Count, _ => 10));
        var oldLog = new ClientRequestLog();
        var old = await harness.StartControllerAsync(Elect, "old", waitIdle: false, requests: oldLog);
        await Eventually.HoldsAsync(() => old.IsLeader && old.IsSynced, "the first instance leads");

        await Eventually.HoldsAsync(() => AppliedBy(oldLog).Count >= 3, "the leader is in the middle of its pass");
        var taken = ClientRequestLog.Now;
        TakeLease(harness, "new");
        await Eventually.HoldsAsync(
            () => !old.IsLeader, "the old leader sees the Lease taken", TimeSpan.FromSeconds(20));
        var stepped = ClientRequestLog.Now;
        await Eventually.HoldsAsync(
            () => oldLog.Requests.Where(r => r.IsWrite).All(r => r.Ended is not null),
            "the old leader's writes ended");

        // The loss became observable when a Lease read sent after the takeover answered with the new holder.
        var seen = oldLog.Requests
            .Where(r => r.Method == "GET" && r.Path.Contains("/leases/", StringComparison.Ordinal) && r.Sent > taken)
            .Where(r => r.Body?.Contains("\"holderIdentity\":\"new\"", StringComparison.Ordinal) == true)
            .Select(r => r.Ended)
            .Min();
        Assert.NotNull(seen);
        var oldWrites = oldLog.Requests.Where(r => r.IsWrite).ToList();
        Assert.DoesNotContain(oldWrites, w => w.Sent > stepped);
        Assert.DoesNotContain(oldWrites, w => w.Sent > seen && w.Status is >= 200 and < 300);
        var appliedByOld = AppliedBy(oldLog);
        output.WriteLine($"the old leader applied {appliedByOld.Count} of {Count} outputs");
        Assert.InRange(appliedByOld.Count, 3, Count - 1);

        // What the server committed before the new leader starts is the old leader's.
        var before = harness.Server.Writes.Count;
        var newLog = new ClientRequestLog();
        var successor = await harness.StartControllerAsync(Elect, "new", waitIdle: false, requests: newLog);
        await Eventually.HoldsAsync(() => successor.IsLeader, "the new holder leads");
        var why = string.Empty;
        await Eventually.HoldsAsync(
            () => SplitFleet.Exact(harness, Count, _ => 10, out why), $"the new leader's end state is exact ({why})");
        await ControllerHarness.WaitIdleAsync(successor);

        var writes = harness.Server.Writes;
        for (var i = 0; i < Count; i++)
        {
            var path = SplitFleet.OutputPath(i);
            var byOld = writes.Take(before).Count(w => w.Path == path && w.StatusCode is 200 or 201);
            var byNew = writes.Skip(before).Count(w => w.Path == path);
            Assert.True(byOld + byNew == 1, $"app{i}: {byOld} write(s) of the old leader, {byNew} of the new one");
        }

        Assert.False(old.IsLeader);
        Assert.DoesNotContain(oldLog.Requests, w => w.IsWrite && w.Sent > stepped);
    }

    private static void Elect(ControllerOptions o)
    {
        o.LeaderElection.Enabled = true;
        o.LeaderElection.LeaseNamespace = InstalledRbac.Namespace;
        o.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(20);
        o.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(15);
        o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(300);

        // Two outputs in flight at a time, 300 ms each: the pass lasts about 3.6 s, many Lease reads, so the takeover
        // lands in its middle even on a loaded machine (with the default eight, the pass was two rounds long and the
        // old leader could end it before its next Lease read).
        o.MaxConcurrentWrites = 2;
    }

    /// <summary>The outputs one client applied with an answer from the server.</summary>
    private static HashSet<string> AppliedBy(ClientRequestLog log) =>
    [
        .. log.Requests
            .Where(r => r.Method == "PATCH" && r.Path.StartsWith(OutputPrefix, StringComparison.Ordinal))
            .Where(r => r.Status is 200 or 201)
            .Select(r => r.Path),
    ];

    /// <summary>Writes the Lease with another holder, as a successor whose clock ran ahead would.</summary>
    private static void TakeLease(ControllerHarness harness, string holder)
    {
        var name = ControllerCore.DefaultLeaseName("istio");
        var lease = harness.Server.Find("coordination.k8s.io/v1", "leases", InstalledRbac.Namespace, name)!;
        var spec = lease["spec"]!.AsObject();
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        spec["holderIdentity"] = holder;
        spec["acquireTime"] = now;
        spec["renewTime"] = now;
        spec["leaseTransitions"] = ((int?)spec["leaseTransitions"] ?? 0) + 1;
        lease["metadata"]!.AsObject().Remove("resourceVersion");
        lease["metadata"]!.AsObject().Remove("managedFields");
        harness.Server.Seed(lease);
        var stored = harness.Server.Find("coordination.k8s.io/v1", "leases", InstalledRbac.Namespace, name);
        Assert.Equal(holder, (string?)stored?["spec"]?["holderIdentity"]);
    }
}

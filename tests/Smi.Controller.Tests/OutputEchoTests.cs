using System.Text.Json;
using Smi.Abstractions.Snapshot;
using Smi.Controller.Cache;
using Smi.Controller.Reconcile;
using Smi.Kube;

namespace Smi.Controller.Tests;

/// <summary>
/// A unit that applied an output waits for the cache to show it (<see cref="OutputWrites.Holds"/>): the echo, a later
/// state or the output's deletion ends the wait and queues a held unit again; the state before the apply does not;
/// an apply that changed nothing is not waited for; a lost echo is given up at its deadline.
/// </summary>
public sealed class OutputEchoTests
{
    private static readonly ResourceKind Policies =
        new("security.istio.io", "v1", "authorizationpolicies", "AuthorizationPolicy");

    private static readonly UnitKey Unit = new(UnitKind.AccessDestination, "shop", "ServiceAccount/api");

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_Echo_Of_An_Apply_Ends_The_Wait_And_Queues_The_Held_Unit()
    {
        var (writes, queued, _) = Writes();
        writes.Record(Key, Record("7", null), Unit);
        Assert.True(writes.Holds(Unit, out _));

        // Our own echo: not a change to queue for, but the held unit is queued once it waits for nothing more.
        Assert.Equal(Unit, writes.Observe(new ObjectChange(null, Policy("7"))));
        Assert.False(writes.Holds(Unit, out _));
        Assert.Null(writes.Observe(new ObjectChange(Policy("7"), Policy("7"))));
        Assert.Empty(queued);
    }

    [Fact]
    public void An_Echo_Of_A_Unit_That_Was_Not_Held_Queues_Nothing()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("7", null), Unit);
        Assert.Null(writes.Observe(new ObjectChange(null, Policy("7"))));
        Assert.False(writes.Holds(Unit, out _));
    }

    [Fact]
    public void The_State_Before_The_Apply_Keeps_The_Wait()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("7", "5"), Unit);
        Assert.True(writes.Holds(Unit, out _));
        Assert.Null(writes.Observe(new ObjectChange(Policy("4"), Policy("5"))));
        Assert.True(writes.Holds(Unit, out _));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_Later_State_Or_A_Deletion_Ends_The_Wait(bool deleted)
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("7", "5"), Unit);
        Assert.True(writes.Holds(Unit, out _));
        var change = deleted
            ? new ObjectChange(Policy("5"), null)
            : new ObjectChange(Policy("5"), Policy("9", edited: true));

        // Someone else's change queues the unit in its own right.
        Assert.Equal(Unit, writes.Observe(change));
        Assert.False(writes.Holds(Unit, out _));
    }

    [Fact]
    public void An_Apply_That_Changed_Nothing_Is_Not_Waited_For()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("5", "5"), Unit);
        Assert.False(writes.Holds(Unit, out _));
    }

    [Fact]
    public void A_Dry_Run_Record_Is_Not_Waited_For()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("5", null));
        Assert.False(writes.Holds(Unit, out _));
    }

    [Fact]
    public void A_Lost_Echo_Is_Given_Up_At_Its_Deadline()
    {
        var (writes, _, time) = Writes();
        writes.Record(Key, Record("7", null), Unit);
        Assert.True(writes.Holds(Unit, out var until));
        Assert.Equal(time.GetUtcNow() + Timeout, until);
        time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.True(writes.Holds(Unit, out _));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(writes.Holds(Unit, out _));
    }

    [Fact]
    public void The_Unit_Waits_For_Each_Output_It_Applied()
    {
        var (writes, _, _) = Writes();
        var other = Key with { Name = "smi-api-deny" };
        writes.Record(Key, Record("7", null), Unit);
        writes.Record(other, Record("8", null), Unit);
        Assert.True(writes.Holds(Unit, out _));
        Assert.Null(writes.Observe(new ObjectChange(null, Policy("7"))));
        Assert.True(writes.Holds(Unit, out _));
        Assert.Equal(Unit, writes.Observe(new ObjectChange(null, Policy("8", name: "smi-api-deny"))));
        Assert.False(writes.Holds(Unit, out _));
    }

    [Fact]
    public void A_Prune_Waits_For_The_Deletion()
    {
        var (writes, queued, _) = Writes();
        writes.Record(Key, Record("7", null), Unit);
        writes.Deleted(Key, "uid-1", Unit, "7");
        Assert.True(writes.Holds(Unit, out _));

        // The prune's own echo queues nothing for itself, but the held unit is queued again.
        Assert.Equal(Unit, writes.Observe(new ObjectChange(Policy("7"), null)));
        Assert.False(writes.Holds(Unit, out _));
        Assert.Empty(queued);
    }

    [Fact]
    public void A_Prune_Of_Another_Unit_Or_A_Forgotten_Kind_Ends_The_Wait()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("7", null), Unit);
        writes.Deleted(Key, "uid-1");
        Assert.False(writes.Holds(Unit, out _));

        writes.Record(Key, Record("9", null), Unit);
        writes.ForgetKind(Policies.Group, Policies.Kind);
        Assert.False(writes.Holds(Unit, out _));
    }

    private static Abstractions.ResourceRef Key => OutputWrites.Key(Policy("1").Ref);

    private static AppliedRecord Record(string version, string? previous) =>
        new("hash", version, previous, new HashSet<string>());

    private static (OutputWrites Writes, List<UnitKey> Queued, ManualTime Time) Writes()
    {
        var queued = new List<UnitKey>();
        var time = new ManualTime();
        var writes = new OutputWrites(_ => 0, (unit, _) => queued.Add(unit), time, Timeout);
        return (writes, queued, time);
    }

    private static CachedObject Policy(string version, bool edited = false, string name = "smi-api")
    {
        var action = edited ? "DENY" : "ALLOW";
        using var json = JsonDocument.Parse(
            $$$"""
            {"apiVersion": "security.istio.io/v1", "kind": "AuthorizationPolicy",
             "metadata": {"name": "{{{name}}}", "namespace": "shop", "uid": "uid-1", "resourceVersion": "{{{version}}}",
              "labels": {"app.kubernetes.io/managed-by": "smi-adapter", "smi-adapter.io/mesh": "istio"},
              "annotations": {"smi-adapter.io/unit": "AccessDestination/shop/ServiceAccount/api"}},
             "spec": {"action": "{{{action}}}"}}
            """);
        return new CachedObject(Policies, json.RootElement.Clone());
    }
}

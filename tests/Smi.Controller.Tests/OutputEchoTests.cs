using System.Text.Json;
using Smi.Abstractions.Snapshot;
using Smi.Controller.Cache;
using Smi.Controller.Reconcile;
using Smi.Kube;

namespace Smi.Controller.Tests;

/// <summary>
/// A unit that applied or pruned an output waits for the cache to show it (<see cref="OutputWrites.Holds"/>): the
/// echo, a later state or the output's deletion ends the wait and queues a held unit again; the state before the write
/// does not; a write the cache shows already, or an apply that changed nothing, is not waited for; a lost echo is
/// given up at its deadline; a wait that a later write or a forgotten kind ends queues the held unit.
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
        Assert.True(Holds(writes));

        // Our own echo: not a change to queue for, but the held unit is queued once it waits for nothing more.
        Assert.Equal(Unit, writes.Observe(new ObjectChange(null, Policy("7"))));
        Assert.False(Holds(writes));
        Assert.Null(writes.Observe(new ObjectChange(Policy("7"), Policy("7"))));
        Assert.Empty(queued);
    }

    [Fact]
    public void An_Echo_Of_A_Unit_That_Was_Not_Held_Queues_Nothing()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("7", null), Unit);
        Assert.Null(writes.Observe(new ObjectChange(null, Policy("7"))));
        Assert.False(Holds(writes));
    }

    [Fact]
    public void The_State_Before_The_Apply_Keeps_The_Wait()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("7", "5"), Unit);
        Assert.True(Holds(writes));
        Assert.Null(writes.Observe(new ObjectChange(Policy("4"), Policy("5"))));
        Assert.True(Holds(writes));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_Later_State_Or_A_Deletion_Ends_The_Wait(bool deleted)
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("7", "5"), Unit);
        Assert.True(Holds(writes));
        var change = deleted
            ? new ObjectChange(Policy("5"), null)
            : new ObjectChange(Policy("5"), Policy("9", edited: true));

        // Someone else's change queues the unit in its own right.
        Assert.Equal(Unit, writes.Observe(change));
        Assert.False(Holds(writes));
    }

    [Fact]
    public void An_Apply_That_Changed_Nothing_Is_Not_Waited_For()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("5", "5"), Unit);
        Assert.False(Holds(writes));
    }

    [Fact]
    public void A_Dry_Run_Record_Is_Not_Waited_For()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("5", null));
        Assert.False(Holds(writes));
    }

    [Fact]
    public void A_Lost_Echo_Is_Given_Up_At_Its_Deadline()
    {
        var (writes, _, time) = Writes();
        writes.Record(Key, Record("7", null), Unit);
        Assert.True(writes.Holds(Unit, _ => null, out var until));
        Assert.Equal(time.GetUtcNow() + Timeout, until);
        time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.True(Holds(writes));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(Holds(writes));
    }

    [Fact]
    public void The_Unit_Waits_For_Each_Output_It_Applied()
    {
        var (writes, _, _) = Writes();
        var other = Key with { Name = "smi-api-deny" };
        writes.Record(Key, Record("7", null), Unit);
        writes.Record(other, Record("8", null), Unit);
        Assert.True(Holds(writes));
        Assert.Null(writes.Observe(new ObjectChange(null, Policy("7"))));
        Assert.True(Holds(writes));
        Assert.Equal(Unit, writes.Observe(new ObjectChange(null, Policy("8", name: "smi-api-deny"))));
        Assert.False(Holds(writes));
    }

    [Fact]
    public void A_Prune_Waits_For_The_Deletion()
    {
        var (writes, queued, _) = Writes();
        writes.Record(Key, Record("7", null), Unit);
        writes.Deleted(Key, "uid-1", Unit, "7");
        Assert.True(Holds(writes, Policy("7")));

        // The prune's own echo queues nothing for itself, but the held unit is queued again.
        Assert.Equal(Unit, writes.Observe(new ObjectChange(Policy("7"), null)));
        Assert.False(Holds(writes));
        Assert.Empty(queued);
    }

    [Fact]
    public void A_Prune_Of_Another_Unit_Or_A_Forgotten_Kind_Ends_The_Wait()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("7", null), Unit);
        writes.Deleted(Key, "uid-1");
        Assert.False(Holds(writes));

        writes.Record(Key, Record("9", null), Unit);
        writes.ForgetKind(Policies.Group, Policies.Kind);
        Assert.False(Holds(writes));
    }

    [Fact]
    public void A_Prune_Of_An_Output_The_Cache_No_Longer_Holds_Is_Not_Waited_For()
    {
        // Someone deleted it before the prune was sent, and its deletion was seen: the DELETE found nothing (404).
        var (writes, _, _) = Writes();
        writes.Deleted(Key, "uid-1", Unit, "7");
        Assert.False(Holds(writes));
    }

    [Fact]
    public void An_Apply_Whose_State_The_Cache_Shows_Already_Is_Not_Waited_For()
    {
        // Someone else's change (version 6) reached the cache while the pass ran; the apply changed nothing on top.
        var (writes, _, _) = Writes();
        writes.Record(Key, Record("6", "5"), Unit);
        Assert.False(Holds(writes, Policy("6")));
        Assert.False(Holds(writes, Policy("5")));
    }

    [Fact]
    public void A_Prune_Wait_Ends_Only_When_The_Object_Goes_Or_Is_Being_Deleted()
    {
        // A state written before the delete (a status update) arrives after it: the cache still shows the object.
        var (writes, _, _) = Writes();
        writes.Deleted(Key, "uid-1", Unit, "7");
        Assert.True(Holds(writes, Policy("7")));
        Assert.Null(writes.Observe(new ObjectChange(Policy("7"), Policy("8"))));
        Assert.True(Holds(writes, Policy("8")));
        Assert.False(Holds(writes, Policy("9", terminating: true)));
    }

    [Theory]
    [InlineData("forget")]
    [InlineData("kind")]
    [InlineData("record")]
    public void A_Held_Unit_Whose_Wait_Ends_Without_An_Echo_Is_Queued(string how)
    {
        var released = new List<UnitKey>();
        var (writes, _, _) = Writes(released);
        writes.Record(Key, Record("7", null), Unit);
        Assert.True(Holds(writes));
        switch (how)
        {
            case "forget":
                writes.Forget(Key);
                break;
            case "kind":
                writes.ForgetKind(Policies.Group, Policies.Kind);
                break;
            default:
                // Another unit applies the same output, with no wait of its own (a dry run).
                writes.Record(Key, Record("8", "7"));
                break;
        }

        Assert.Equal([Unit], released);
        Assert.False(Holds(writes));
    }

    [Fact]
    public void An_Apply_Answered_Without_A_Resource_Version_Waits_For_Any_Other_State()
    {
        var (writes, _, _) = Writes();
        writes.Record(Key, Record(null, "5"), Unit);
        Assert.True(Holds(writes, Policy("5")));
        Assert.False(Holds(writes, Policy("6")));
    }

    [Fact]
    public void A_Write_The_Cache_Does_Not_Show_Yet_Is_Unseen_Until_Its_Echo_Or_Its_Deadline()
    {
        var (writes, _, time) = Writes();
        Assert.Null(writes.Unseen(Key, null));

        writes.Record(Key, Record("7", "5"), Unit);
        Assert.Equal(Unit, writes.Unseen(Key, null)?.Unit);
        Assert.False(writes.Unseen(Key, Policy("5"))?.Prune);
        Assert.Null(writes.Unseen(Key, Policy("7")));
        Assert.Null(writes.Unseen(Key, Policy("9")));

        time.Advance(Timeout);
        Assert.Null(writes.Unseen(Key, null));
    }

    [Fact]
    public void A_Prune_The_Cache_Does_Not_Show_Yet_Is_Unseen_Until_The_Object_Goes()
    {
        var (writes, _, _) = Writes();
        writes.Deleted(Key, "uid-1", Unit, "5");
        Assert.True(writes.Unseen(Key, Policy("5"))?.Prune);
        Assert.Null(writes.Unseen(Key, Policy("5", terminating: true)));
        Assert.Null(writes.Unseen(Key, null));

        // A dry run's delete awaits nothing.
        var (dry, _, _) = Writes();
        dry.Deleted(Key, "uid-1");
        Assert.Null(dry.Unseen(Key, Policy("5")));
    }

    private static Abstractions.ResourceRef Key => OutputWrites.Key(Policy("1").Ref);

    private static AppliedRecord Record(string? version, string? previous) =>
        new("hash", version, previous, new HashSet<string>());

    private static (OutputWrites Writes, List<UnitKey> Queued, ManualTime Time) Writes(
        List<UnitKey>? released = null)
    {
        var queued = new List<UnitKey>();
        var time = new ManualTime();
        var writes = new OutputWrites(
            _ => 0, (unit, _) => queued.Add(unit), unit => released?.Add(unit), time, Timeout);
        return (writes, queued, time);
    }

    /// <summary>Whether the unit waits, with the cache holding these states of its outputs.</summary>
    private static bool Holds(OutputWrites writes, params CachedObject[] cached) =>
        writes.Holds(Unit, key => cached.FirstOrDefault(c => OutputWrites.Key(c.Ref) == key), out _);

    private static CachedObject Policy(
        string version, bool edited = false, string name = "smi-api", bool terminating = false)
    {
        var action = edited ? "DENY" : "ALLOW";
        var deletion = terminating ? "\"deletionTimestamp\": \"2026-01-01T00:00:00Z\", " : string.Empty;
        using var json = JsonDocument.Parse(
            $$$"""
            {"apiVersion": "security.istio.io/v1", "kind": "AuthorizationPolicy",
             "metadata": {{{{deletion}}}"name": "{{{name}}}", "namespace": "shop", "uid": "uid-1",
              "resourceVersion": "{{{version}}}",
              "labels": {"app.kubernetes.io/managed-by": "smi-adapter", "smi-adapter.io/mesh": "istio"},
              "annotations": {"smi-adapter.io/unit": "AccessDestination/shop/ServiceAccount/api"}},
             "spec": {"action": "{{{action}}}"}}
            """);
        return new CachedObject(Policies, json.RootElement.Clone());
    }
}

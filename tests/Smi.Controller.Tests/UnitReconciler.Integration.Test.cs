using System.Text.Json;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;
using Smi.Controller.Reconcile;
using Smi.Kube;
using Smi.Kube.Rbac;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The <see cref="UnitReconciler"/> alone, without a <see cref="ControllerCore"/>: against the loopback API server,
/// with a fake cache, one unit of the canary case in and one outcome out.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class UnitReconcilerIntegrationTest(ITestOutputHelper output)
{
    private static readonly ResourceKind TrafficSplits = StandaloneParts.TrafficSplits;

    [Fact]
    public async Task Applies_A_Unit_Writes_Nothing_When_It_Holds_And_Prunes_What_It_No_Longer_Wants()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var parts = new Parts(harness);
        var (unit, desired) = CanaryUnit();
        Assert.NotEmpty(desired);

        var applied = await parts.ReconcileAsync(Work(unit, desired, []));

        Assert.Equal(UnitResult.Done, applied.Outcome.Result);
        Assert.Empty(applied.Diagnostics);
        Assert.All(desired, r => Assert.NotNull(harness.Output(r.Ref)));
        Assert.Equal(2, ControllerHarness.Weights(harness.VirtualService("shop", "web")).Count);

        // The live outputs, as the cache would hold them: the same desired state writes nothing.
        var live = desired.Select(r => Live(harness, r.Ref)).ToList();
        harness.Server.ClearRequests();
        var again = await parts.ReconcileAsync(Work(unit, desired, live));
        Assert.Equal(UnitResult.Done, again.Outcome.Result);
        Assert.DoesNotContain(harness.Server.Requests, r => r.Method is "PATCH" or "DELETE" or "POST");

        // Nothing wanted any more: every output of the unit is deleted.
        var pruned = await parts.ReconcileAsync(Work(unit, [], live));
        Assert.Equal(UnitResult.Done, pruned.Outcome.Result);
        Assert.All(desired, r => Assert.Null(harness.Output(r.Ref)));
    }

    [Fact]
    public async Task A_Refused_Write_Is_Forbidden_And_Says_So_On_The_Units_Smi_Objects()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var parts = new Parts(harness);
        var (unit, desired) = CanaryUnit();
        harness.Server.Faults.FailNext(
            r => r.IsWrite && r.Path.StartsWith("/apis/networking.istio.io", StringComparison.Ordinal), 1, 403);

        var refused = await parts.ReconcileAsync(Work(unit, desired, []));

        Assert.Equal(UnitResult.Forbidden, refused.Outcome.Result);
        var diagnostic = Assert.Single(refused.Outcome.Permissions);
        Assert.Equal(SmiReasons.PermissionMissing, diagnostic.Reason);
        Assert.Equal("web-canary", diagnostic.Object?.Name);
        var missing = Assert.Single(parts.Permissions.Missing);
        Assert.Equal("patch", missing.Verb);
        Assert.Equal("networking.istio.io", missing.Group);
        Assert.Equal("shop", missing.Namespace);

        // Granted again: the retry applies, and the permission is no longer missing.
        var retried = await parts.ReconcileAsync(Work(unit, desired, []));
        Assert.Equal(UnitResult.Done, retried.Outcome.Result);
        Assert.Empty(parts.Permissions.Missing);
        Assert.NotNull(harness.VirtualService("shop", "web"));
    }

    [Fact]
    public async Task A_Refused_Read_Holds_The_Unit_And_Leadership_Lost_Stops_It_Both_Without_Writing()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var parts = new Parts(harness);
        var (unit, desired) = CanaryUnit();
        parts.Cache.Refused.Add(new RefusedRead(
            TrafficSplits, "shop", null, new MissingPermission("list", "split.smi-spec.io", "trafficsplits", "shop"),
            IsOutput: false));
        harness.Server.ClearRequests();

        var held = await parts.ReconcileAsync(Work(unit, desired, []));

        Assert.Equal(UnitResult.Held, held.Outcome.Result);
        Assert.Equal(SmiReasons.PermissionMissing, Assert.Single(held.Outcome.Permissions).Reason);
        Assert.Empty(harness.Server.Requests);

        parts.Cache.Refused.Clear();
        parts.Fence.SetLeading(false);
        var lost = await parts.ReconcileAsync(Work(unit, desired, []));
        Assert.Equal(UnitResult.LeadershipLost, lost.Outcome.Result);
        Assert.DoesNotContain(harness.Server.Requests, r => r.Method is "PATCH" or "DELETE" or "POST");
        Assert.Null(harness.VirtualService("shop", "web"));
    }

    /// <summary>The split root unit of the canary case and what Istio's translator wants for it.</summary>
    private static (UnitKey Unit, List<GeneratedResource> Desired) CanaryUnit()
    {
        var result = ControllerHarness.Istio().Translate(GoldenTranslation.LoadSnapshot("canary-basic"));
        var unit = UnitKey.ForSplitRoot("shop", "web");
        return (unit, [.. result.Resources.Where(r => r.Unit == unit)]);
    }

    private static UnitWork Work(UnitKey unit, List<GeneratedResource> desired, List<CachedObject> observed)
    {
        var source = new ResourceRef(TrafficSplits.ApiVersion, TrafficSplits.Kind, "shop", "web-canary");
        return new UnitWork(unit, [source], [source], desired, observed, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>An output as it is stored, in the kind the controller watches.</summary>
    private static CachedObject Live(ControllerHarness harness, ResourceRef reference)
    {
        var kind = ControllerHarness.OutputKinds("istio")
            .First(k => k.Group == reference.Group && k.Kind == reference.Kind) with { Version = reference.Version };
        var stored = harness.Output(reference) ?? throw new InvalidOperationException($"{reference} is not stored");
        return new CachedObject(kind, JsonSerializer.SerializeToElement(stored));
    }

    /// <summary>A reconciler and the small parts it is built from, as the controller would hand them over.</summary>
    private sealed class Parts
    {
        public Parts(ControllerHarness harness)
        {
            var parts = new StandaloneParts(harness);
            Fence = parts.Fence;
            Permissions = parts.Permissions;
            var outputKinds = new OutputKindTable();
            foreach (var kind in parts.Options.OutputKinds.DistinctBy(k => (k.Group, k.Kind)))
            {
                outputKinds.Watch(kind, null);
            }

            Reconciler = new UnitReconciler(
                parts.Api,
                parts.Pipeline,
                Fence,
                Permissions,
                Cache,
                new OutputWrites(
                    o => o.Fingerprint, (_, _) => { }, _ => { }, TimeProvider.System, TimeSpan.FromSeconds(30)),
                outputKinds,
                new Dictionary<(string Group, string Kind), ResourceKind>
                {
                    [(TrafficSplits.Group, TrafficSplits.Kind)] = TrafficSplits,
                },
                "istio",
                parts.Options,
                parts.Logger,
                parts.Metrics);
        }

        public FakeClusterCache Cache { get; } = new();

        public WriteFence Fence { get; }

        public PermissionTracker Permissions { get; }

        public UnitReconciler Reconciler { get; }

        public async Task<(UnitOutcome Outcome, List<Diagnostic> Diagnostics)> ReconcileAsync(UnitWork work)
        {
            var diagnostics = new List<Diagnostic>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var outcome = await Reconciler.ReconcileAsync(work, diagnostics, timeout.Token);
            return (outcome, diagnostics);
        }
    }
}

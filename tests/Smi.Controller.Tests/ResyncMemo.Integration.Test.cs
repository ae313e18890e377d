using k8s;
using k8s.Models;
using Smi.Abstractions;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Reconcile;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// A resync with nothing changed translates no unit and writes nothing: each unit's inputs and live outputs are as
/// its last reconcile left them. A unit whose output another writer touched (its resource version moved) is
/// translated and compared again by the resync.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class ResyncMemoIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task Resync_With_Nothing_Changed_Translates_And_Writes_Nothing()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var translator = new CountingTranslator(ControllerHarness.Istio());
        var core = await harness.StartControllerAsync(translator: translator);
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null, "the output is applied");
        await ControllerHarness.WaitIdleAsync(core);

        harness.Server.ClearRequests();
        var translated = translator.Units;
        var passes = core.Passes;
        core.RequestResync();
        await Eventually.HoldsAsync(() => core.Passes > passes, "the resync pass ran");
        await ControllerHarness.WaitIdleAsync(core);

        Assert.Equal(translated, translator.Units);
        Assert.Empty(harness.Server.Writes);

        // Another manager's label moves the output's resource version: the resync looks at its unit again, and
        // finds nothing to write.
        passes = core.Passes;
        var labelled = new V1Patch("""{"metadata":{"labels":{"cost-center":"7"}}}""", V1Patch.PatchType.MergePatch);
        await harness.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            labelled, "networking.istio.io", "v1", "shop", "virtualservices", "web", fieldManager: "kubectl-label");
        await Eventually.HoldsAsync(() => core.Passes > passes, "the controller looked at the changed output");
        await ControllerHarness.WaitIdleAsync(core);
        harness.Server.ClearRequests();
        translated = translator.Units;
        passes = core.Passes;
        core.RequestResync();
        await Eventually.HoldsAsync(() => core.Passes > passes, "the second resync pass ran");
        await ControllerHarness.WaitIdleAsync(core);

        Assert.True(translator.Units > translated, "the unit of the touched output is translated again");
        Assert.DoesNotContain(harness.Server.Writes, w => w.Path.Contains("virtualservices", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resync_Heals_A_Unit_Index_That_Drifted()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        var core = await harness.StartControllerAsync();
        harness.ApplyFile("canary-basic");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null, "the output is applied");
        await ControllerHarness.WaitIdleAsync(core);
        var unit = UnitKey.ForSplitRoot("shop", "web");
        Assert.Contains(unit, core.UnitIndex.Units.Keys);

        // The index loses what the shop namespace adds, as an update that missed its objects would.
        core.UnitIndex.Update(new SnapshotBuilder().Build(), [new ResourceRef("v1", "Namespace", null, "shop")]);
        Assert.DoesNotContain(unit, core.UnitIndex.Units.Keys);

        var resyncs = 0;
        while (!core.UnitIndex.Units.ContainsKey(unit) && resyncs < ControllerCore.RebuildEvery)
        {
            var passes = core.Passes;
            core.RequestResync();
            await Eventually.HoldsAsync(() => core.Passes > passes, "the resync pass ran");
            await ControllerHarness.WaitIdleAsync(core);
            resyncs++;
        }

        output.WriteLine($"healed after {resyncs} resyncs");
        Assert.Contains(unit, core.UnitIndex.Units.Keys);
        await Eventually.HoldsAsync(
            () => harness.VirtualService("shop", "web") is not null, "the unit's output is in place again");
    }

    /// <summary>The Istio translator, counting the units it is asked for.</summary>
    private sealed class CountingTranslator(IMeshTranslator inner) : IMeshTranslator
    {
        private int _units;

        public int Units => Volatile.Read(ref _units);

        public string Mesh => inner.Mesh;

        public TranslationResult Translate(MeshSnapshot snapshot, IReadOnlySet<UnitKey>? units = null)
        {
            Interlocked.Add(ref _units, units?.Count ?? snapshot.Units.Length);
            return inner.Translate(snapshot, units);
        }
    }
}

using System.Text.Json;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Controller.Cache;
using Smi.Controller.Reconcile;
using Smi.Kube;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The <see cref="StatusReporter"/> alone, without a <see cref="ControllerCore"/>: against the loopback API server, it
/// reports on the canary case's TrafficSplit as a pass that translated its unit would.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed class StatusReporterIntegrationTest(ITestOutputHelper output)
{
    private static readonly ResourceKind TrafficSplits = StandaloneParts.TrafficSplits;

    [Fact]
    public async Task Writes_Conditions_And_Events_Once_And_Nothing_When_They_Hold()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.ApplyFile("canary-basic");
        var parts = new Parts(harness);

        await parts.ReportAsync(Split(harness));

        var split = harness.Smi(TrafficSplits.ApiVersion, TrafficSplits.Plural, "shop", "web-canary");
        Assert.Equal(("True", "Accepted"), harness.Condition(split, "Accepted"));
        Assert.Equal(("True", "Translated"), harness.Condition(split, "Translated"));
        Assert.Equal(("True", "Translated"), harness.Condition(split, "Ready"));
        var translated = Assert.Single(await harness.EventsAsync("shop", "web-canary"));
        Assert.Equal(("Normal", "Translated"), (translated.Type, translated.Reason));
        Assert.Equal(StatusReporter.Component, translated.ReportingComponent);
        Assert.Empty(parts.Reporter.RetryReports);

        // The object now shows what was reported: a second report writes neither status nor Events.
        harness.Server.ClearRequests();
        await parts.ReportAsync(Split(harness));
        Assert.DoesNotContain(harness.Server.Requests, r => r.Method is "PATCH" or "POST" or "PUT");
    }

    [Fact]
    public async Task A_Refused_Status_Write_Is_Retried_And_Told_In_A_Warning_Event()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.ApplyFile("canary-basic");
        var parts = new Parts(harness);
        harness.Server.Faults.FailNext(
            r => r.IsWrite && r.Path.EndsWith("/status", StringComparison.Ordinal), 1, 403);

        await parts.ReportAsync(Split(harness));

        var reference = Split(harness).Ref;
        Assert.Equal([reference], parts.Reporter.RetryReports);
        Assert.NotNull(parts.Reporter.RetryDelay);
        var missing = Assert.Single(parts.Permissions.Missing);
        Assert.Equal(("patch", "trafficsplits/status", "shop"), (missing.Verb, missing.Resource, missing.Namespace));
        var warning = Assert.Single(await harness.EventsAsync("shop", "web-canary"));
        Assert.Equal(("Warning", SmiReasons.PermissionMissing), (warning.Type, warning.Reason));
        Assert.Null(harness.Condition(
            harness.Smi(TrafficSplits.ApiVersion, TrafficSplits.Plural, "shop", "web-canary"), "Ready").Status);

        // The pass takes the retries and reports again: the status is written now.
        parts.Reporter.ClearRetryReports();
        await parts.ReportAsync(Split(harness));
        Assert.Empty(parts.Reporter.RetryReports);
        Assert.Null(parts.Reporter.RetryDelay);
        Assert.Equal(("True", "Translated"), harness.Condition(
            harness.Smi(TrafficSplits.ApiVersion, TrafficSplits.Plural, "shop", "web-canary"), "Ready"));
    }

    /// <summary>The canary case's TrafficSplit as it is stored now.</summary>
    private static CachedObject Split(ControllerHarness harness)
    {
        var stored = harness.Smi(TrafficSplits.ApiVersion, TrafficSplits.Plural, "shop", "web-canary")
            ?? throw new InvalidOperationException("the TrafficSplit is not stored");
        return new CachedObject(TrafficSplits, JsonSerializer.SerializeToElement(stored));
    }

    /// <summary>A reporter and the small parts it is built from, as the controller would hand them over.</summary>
    private sealed class Parts
    {
        private readonly MeshSnapshot _snapshot = GoldenTranslation.LoadSnapshot("canary-basic");
        private readonly IReadOnlyList<Diagnostic> _translation;

        public Parts(ControllerHarness harness)
        {
            var parts = new StandaloneParts(harness);
            Permissions = parts.Permissions;
            Reporter = new StatusReporter(
                parts.Api,
                parts.Fence,
                Permissions,
                new HashSet<(string Group, string Plural)> { (TrafficSplits.Group, TrafficSplits.Plural) },
                "istio",
                "reporter-test",
                parts.Options,
                parts.Logger,
                parts.Metrics,
                TimeProvider.System);
            _translation = ControllerHarness.Istio().Translate(_snapshot).Diagnostics;
        }

        public PermissionTracker Permissions { get; }

        public StatusReporter Reporter { get; }

        /// <summary>Reports on the split as a pass that translated its units does.</summary>
        public async Task ReportAsync(CachedObject split)
        {
            var units = _snapshot.UnitsByInput.GetValueOrDefault(split.Ref, []);
            Assert.NotEmpty(units);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Reporter.ReportAsync(
                _snapshot,
                _translation,
                [split.Ref],
                reference => reference == split.Ref ? split : null,
                units.ToHashSet(),
                timeout.Token);
        }
    }
}

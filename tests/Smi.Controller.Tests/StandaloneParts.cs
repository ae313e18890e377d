using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Smi.Controller.Reconcile;
using Smi.Controller.Resilience;
using Smi.Kube;
using Smi.Kube.Api;

namespace Smi.Controller.Tests;

/// <summary>
/// What the controller hands its reconciler and its status reporter, made without a <see cref="ControllerCore"/>:
/// the admin client of a loopback API server, the retry pipeline, a fence already in a term of leadership, and a
/// permission tracker.
/// </summary>
internal sealed class StandaloneParts
{
    /// <summary>The kind of the canary case's TrafficSplit, as the controller watches it.</summary>
    public static readonly ResourceKind TrafficSplits =
        new("split.smi-spec.io", "v1alpha4", "trafficsplits", "TrafficSplit");

    public StandaloneParts(ControllerHarness harness)
    {
        Options.OutputKinds = ControllerHarness.OutputKinds("istio");
        Pipeline = ApiPipeline.Create(Options, TimeProvider.System, Logger, Metrics);
        Fence = new WriteFence(Pipeline);
        Fence.SetLeading(true);
        Permissions = new PermissionTracker(Metrics, Logger);
        Api = new KubeApi(harness.Client);
    }

    public ControllerOptions Options { get; } = ControllerHarness.TestOptions();

    public ControllerMetrics Metrics { get; } = new();

    public ILogger Logger { get; } = NullLogger.Instance;

    public ResiliencePipeline Pipeline { get; }

    public WriteFence Fence { get; }

    public PermissionTracker Permissions { get; }

    public KubeApi Api { get; }
}

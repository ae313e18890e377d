using Prometheus;

namespace Smi.Controller;

/// <summary>
/// The controller's Prometheus metrics, in a registry of its own so that several controllers can share a process.
/// </summary>
public sealed class ControllerMetrics
{
    /// <summary>Creates the metrics in a registry.</summary>
    /// <param name="registry">The registry; a new one when null.</param>
    public ControllerMetrics(CollectorRegistry? registry = null)
    {
        Registry = registry ?? global::Prometheus.Metrics.NewCustomRegistry();
        var factory = global::Prometheus.Metrics.WithCustomRegistry(Registry);
        Reconciles = factory.CreateCounter(
            "smi_controller_reconciles_total", "Units reconciled, by result (success, retry, failed).", "result");
        Errors = factory.CreateCounter(
            "smi_controller_errors_total",
            "API errors, by kind (retry, expired, watch, watch-transient, report, status, pass).", "kind");
        QueueDepth = factory.CreateGauge("smi_controller_queue_depth", "Units waiting in the work queue.");
        Duration = factory.CreateHistogram(
            "smi_controller_reconcile_duration_seconds", "Time to reconcile one batch of units.",
            new HistogramConfiguration
            {
                Buckets = Histogram.ExponentialBuckets(0.001, 2, 16),
            });
        Writes = factory.CreateCounter(
            "smi_controller_writes_total", "Writes to the API server, by verb (apply, delete, status, event).", "verb");
        Leader = factory.CreateGauge(
            "smi_controller_leader", "1 while this instance is the leader (or leader election is off).");
        Drift = factory.CreateCounter(
            "smi_controller_drift_repairs_total",
            "Outputs found changed by another writer (their applied-hash annotation kept) and applied again.");
        string[] permission = ["verb", "group", "resource", "namespace"];
        Forbidden = factory.CreateCounter(
            "smi_controller_forbidden_total",
            "Requests the API server refused with 403, by the permission they needed.",
            permission);
        MissingPermissions = factory.CreateGauge(
            "smi_controller_missing_permission",
            "1 while a permission the controller needs is refused (0 once it is granted again).",
            permission);
    }

    /// <summary>The registry that holds the metrics; <c>/metrics</c> exports it.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Units reconciled, by result.</summary>
    public Counter Reconciles { get; }

    /// <summary>API errors, by kind.</summary>
    public Counter Errors { get; }

    /// <summary>Units waiting in the work queue.</summary>
    public Gauge QueueDepth { get; }

    /// <summary>Reconcile durations.</summary>
    public Histogram Duration { get; }

    /// <summary>Writes, by verb.</summary>
    public Counter Writes { get; }

    /// <summary>Whether this instance leads.</summary>
    public Gauge Leader { get; }

    /// <summary>Outputs found changed by another writer and applied again.</summary>
    public Counter Drift { get; }

    /// <summary>Requests refused with 403, by verb, group, resource and namespace.</summary>
    public Counter Forbidden { get; }

    /// <summary>1 per permission (verb, group, resource, namespace) refused and not granted since.</summary>
    public Gauge MissingPermissions { get; }
}

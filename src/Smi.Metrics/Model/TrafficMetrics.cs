using System.Text.Json.Serialization;

namespace Smi.Metrics.Model;

/// <summary>
/// A <c>TrafficMetrics</c> object as served (SMI spec "Traffic Metrics"): the metrics of one resource, optionally
/// restricted to one edge, over a window ending at <see cref="Timestamp"/>.
/// </summary>
public sealed class TrafficMetrics
{
    /// <summary>Always <c>TrafficMetrics</c>.</summary>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(0)]
    public string Kind { get; set; } = "TrafficMetrics";

    /// <summary>For example <c>metrics.smi-spec.io/v1alpha1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(1)]
    public string ApiVersion { get; set; } = string.Empty;

    /// <summary>Name, namespace, self link and creation time (the evaluation time).</summary>
    [JsonPropertyName("metadata")]
    [JsonPropertyOrder(2)]
    public ObjectMetadata Metadata { get; set; } = new();

    /// <summary>The end of the window, RFC 3339 in UTC with whole seconds.</summary>
    [JsonPropertyName("timestamp")]
    [JsonPropertyOrder(3)]
    public string Timestamp { get; set; } = string.Empty;

    /// <summary>The window length, Go duration syntax (<c>30s</c>, <c>1m0s</c>).</summary>
    [JsonPropertyName("window")]
    [JsonPropertyOrder(4)]
    public string Window { get; set; } = string.Empty;

    /// <summary>The resource the metrics belong to.</summary>
    [JsonPropertyName("resource")]
    [JsonPropertyOrder(5)]
    public ObjectReference Resource { get; set; } = new();

    /// <summary>The edge the metrics are restricted to; absent for a resource's own metrics.</summary>
    [JsonPropertyName("edge")]
    [JsonPropertyOrder(6)]
    public TrafficMetricsEdge? Edge { get; set; }

    /// <summary>The traffic split backend these metrics belong to (v1alpha2 trafficsplits only).</summary>
    [JsonPropertyName("backend")]
    [JsonPropertyOrder(7)]
    public TrafficMetricsBackend? Backend { get; set; }

    /// <summary>Latency percentiles and success and failure counts.</summary>
    [JsonPropertyName("metrics")]
    [JsonPropertyOrder(8)]
    public List<TrafficMetric> Metrics { get; set; } = [];

    /// <summary>The value of the metric named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">A metric name from <see cref="TrafficMetricNames"/>.</param>
    /// <returns>The quantity string.</returns>
    public string? Get(string name) =>
        Metrics.Find(metric => string.Equals(metric.Name, name, StringComparison.Ordinal))?.Value;
}

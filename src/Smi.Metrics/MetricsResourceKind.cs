namespace Smi.Metrics;

/// <summary>A resource type the TrafficMetrics API serves, such as <c>deployments</c>.</summary>
/// <param name="Resource">The plural, lower-case resource name used in paths.</param>
/// <param name="Kind">The Kubernetes kind the items reference, such as <c>Deployment</c>.</param>
/// <param name="Namespaced">Whether the resource lives in a namespace (every kind but namespaces).</param>
/// <param name="MinimumVersion">The oldest TrafficMetrics version that serves this resource.</param>
public sealed record MetricsResourceKind(
    string Resource, string Kind, bool Namespaced, TrafficMetricsApiVersion MinimumVersion)
{
    /// <summary>
    /// The singular, lower-case name (<c>deployment</c>), which Linkerd's Prometheus uses as a label name.
    /// </summary>
    public string Singular => Kind.ToLowerInvariant();

    /// <summary>Whether <paramref name="version"/> serves this resource.</summary>
    /// <param name="version">The requested version.</param>
    /// <returns><see langword="true"/> when served.</returns>
    public bool IsServedIn(TrafficMetricsApiVersion version) => version >= MinimumVersion;
}

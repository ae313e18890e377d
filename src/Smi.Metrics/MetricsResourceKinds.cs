namespace Smi.Metrics;

/// <summary>
/// The resource types served: the ones the SMI SDK lists as available (namespaces, pods, deployments, statefulsets,
/// daemonsets) and, from v1alpha2, trafficsplits.
/// </summary>
public static class MetricsResourceKinds
{
    /// <summary>Namespaces (cluster-scoped).</summary>
    public static MetricsResourceKind Namespaces { get; } = new(
        "namespaces", "Namespace", false, TrafficMetricsApiVersion.V1Alpha1);

    /// <summary>Pods.</summary>
    public static MetricsResourceKind Pods { get; } = new("pods", "Pod", true, TrafficMetricsApiVersion.V1Alpha1);

    /// <summary>Deployments.</summary>
    public static MetricsResourceKind Deployments { get; } = new(
        "deployments", "Deployment", true, TrafficMetricsApiVersion.V1Alpha1);

    /// <summary>StatefulSets.</summary>
    public static MetricsResourceKind StatefulSets { get; } = new(
        "statefulsets", "StatefulSet", true, TrafficMetricsApiVersion.V1Alpha1);

    /// <summary>DaemonSets.</summary>
    public static MetricsResourceKind DaemonSets { get; } = new(
        "daemonsets", "DaemonSet", true, TrafficMetricsApiVersion.V1Alpha1);

    /// <summary>TrafficSplits (v1alpha2 only): one item per backend.</summary>
    public static MetricsResourceKind TrafficSplits { get; } = new(
        "trafficsplits", "TrafficSplit", true, TrafficMetricsApiVersion.V1Alpha2);

    /// <summary>Every resource type, in discovery order.</summary>
    public static IReadOnlyList<MetricsResourceKind> All { get; } = [
        Namespaces, Pods, Deployments, StatefulSets, DaemonSets, TrafficSplits];

    /// <summary>
    /// Finds a resource type by plural (<c>deployments</c>), singular (<c>deployment</c>), kind (<c>Deployment</c>) or
    /// the short names kubectl accepts (<c>deploy</c>, <c>po</c>, <c>ns</c>, <c>sts</c>, <c>ds</c>, <c>ts</c>).
    /// </summary>
    /// <param name="name">The name to look up (case-insensitive).</param>
    /// <param name="kind">The resource type found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public static bool TryFind(string name, out MetricsResourceKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.ToLowerInvariant();
        lower = lower switch
        {
            "deploy" => "deployments",
            "po" => "pods",
            "ns" => "namespaces",
            "sts" => "statefulsets",
            "ds" => "daemonsets",
            "ts" => "trafficsplits",
            _ => lower,
        };
        foreach (var candidate in All)
        {
            if (lower == candidate.Resource || lower == candidate.Singular)
            {
                kind = candidate;
                return true;
            }
        }

        kind = Namespaces;
        return false;
    }
}

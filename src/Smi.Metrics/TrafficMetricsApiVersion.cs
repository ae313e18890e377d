namespace Smi.Metrics;

/// <summary>The served versions of <c>metrics.smi-spec.io</c>.</summary>
public enum TrafficMetricsApiVersion
{
    /// <summary><c>v1alpha1</c>: no <c>edge.side</c>, no <c>backend</c>, no trafficsplits.</summary>
    V1Alpha1,

    /// <summary><c>v1alpha2</c>: adds <c>edge.side</c> and trafficsplits with one item per backend.</summary>
    V1Alpha2,
}

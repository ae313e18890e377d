namespace Smi.Metrics;

/// <summary>The five numbers behind one TrafficMetrics item, before formatting.</summary>
internal sealed class MetricValues
{
    public double SuccessCount { get; set; }

    public double FailureCount { get; set; }

    public double LatencyP50 { get; set; } = double.NaN;

    public double LatencyP90 { get; set; } = double.NaN;

    public double LatencyP99 { get; set; } = double.NaN;
}

namespace Smi.Metrics;

/// <summary>The numbers behind one TrafficMetrics item, before formatting.</summary>
internal sealed class MetricValues
{
    /// <summary>Successful requests; 0 when no series exists (no traffic).</summary>
    public double SuccessCount { get; set; }

    /// <summary>Failed requests; 0 when no series exists.</summary>
    public double FailureCount { get; set; }

    /// <summary>Whether the request series hold the counts at all; when not, <see cref="Unknown"/> says why.</summary>
    public bool CountsKnown => Unknown is null;

    /// <summary>
    /// Why the counts are unknown (too few samples in the window, no request series), or <see langword="null"/>.
    /// </summary>
    public string? Unknown { get; set; }

    /// <summary>Whether a counter query returned this group.</summary>
    public bool Counted { get; set; }

    public double LatencyP50 { get; set; } = double.NaN;

    public double LatencyP90 { get; set; } = double.NaN;

    public double LatencyP99 { get; set; } = double.NaN;
}

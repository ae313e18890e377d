namespace Smi.Metrics.Prometheus;

/// <summary>One element of an instant vector: a label set and its value.</summary>
/// <param name="Labels">The series labels (the grouping labels of an aggregation).</param>
/// <param name="Value">The sample value; may be NaN (for example a quantile over an empty histogram).</param>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>A label's value, or the empty string when absent (as PromQL treats missing labels).</summary>
    /// <param name="name">The label name.</param>
    /// <returns>The value.</returns>
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : string.Empty;
}

using System.Globalization;
using System.Text;

namespace Smi.Metrics.Queries;

/// <summary>Small helpers for writing PromQL text.</summary>
public static class PromQl
{
    /// <summary>Quotes a string literal, escaping backslashes, quotes and line breaks.</summary>
    /// <param name="value">The raw value.</param>
    /// <returns>The double-quoted literal.</returns>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// Escapes RE2 metacharacters so <paramref name="value"/> matches literally inside a regular expression.
    /// </summary>
    /// <param name="value">The literal text.</param>
    /// <returns>The escaped regular expression.</returns>
    public static string RegexEscape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Writes a series selector, <c>metric{a="b", c!=""}</c>.</summary>
    /// <param name="metric">The metric name.</param>
    /// <param name="matchers">The label matchers.</param>
    /// <returns>The selector.</returns>
    public static string Selector(string metric, IEnumerable<LabelMatcher> matchers) =>
        metric + "{" + string.Join(", ", matchers) + "}";

    /// <summary>
    /// Writes <c>sum by (labels) (increase(a[window]) or increase(b[window]) …)</c>: the increase of every series any
    /// of the selectors picks. The selectors must pick disjoint series (they differ in a label value), so <c>or</c>
    /// keeps them all.
    /// </summary>
    /// <param name="selectors">The counter selectors, at least one.</param>
    /// <param name="groupBy">The grouping labels (none for a plain sum).</param>
    /// <param name="window">The window.</param>
    /// <returns>The query.</returns>
    public static string SumIncrease(IEnumerable<string> selectors, IEnumerable<string> groupBy, MetricsWindow window)
    {
        ArgumentNullException.ThrowIfNull(selectors);
        var increases = selectors.Select(selector => "increase(" + selector + "[" + window.PromQlRange + "])").ToList();
        if (increases.Count == 0)
        {
            throw new ArgumentException("At least one selector is required.", nameof(selectors));
        }

        return Aggregate("sum", groupBy) + "(" + string.Join(" or ", increases) + ")";
    }

    /// <summary>Writes <c>sum by (labels) (increase(selector[window]))</c>.</summary>
    /// <param name="selector">The counter selector.</param>
    /// <param name="groupBy">The grouping labels (none for a plain sum).</param>
    /// <param name="window">The window.</param>
    /// <returns>The query.</returns>
    public static string SumIncrease(string selector, IEnumerable<string> groupBy, MetricsWindow window) =>
        SumIncrease([selector], groupBy, window);

    /// <summary>
    /// Writes the query that tells "no traffic" from "too few samples": per group, the most samples any one series
    /// has inside the window (<c>count_over_time</c>), or 0 for groups whose series were scraped within
    /// <paramref name="lookback"/> but not inside the window. <c>increase</c> needs two samples of a series in the
    /// window; a group whose answer is below 2 has data that the counts cannot show.
    /// </summary>
    /// <param name="selector">The counter selector.</param>
    /// <param name="groupBy">The grouping labels.</param>
    /// <param name="window">The window.</param>
    /// <param name="lookback">How far back a series counts as present.</param>
    /// <returns>The query.</returns>
    public static string SamplesInWindow(
        string selector, IEnumerable<string> groupBy, MetricsWindow window, MetricsWindow lookback)
    {
        var labels = groupBy.ToList();
        var max = Aggregate("max", labels);
        return max + "(count_over_time(" + selector + "[" + window.PromQlRange + "]))"
            + " or " + max + "(0 * last_over_time(" + selector + "[" + lookback.PromQlRange + "]))";
    }

    /// <summary>
    /// Writes <c>max by (labels) (last_over_time(selector[lookback]))</c>: the groups that have series at all.
    /// </summary>
    /// <param name="selector">The selector.</param>
    /// <param name="groupBy">The grouping labels.</param>
    /// <param name="lookback">How far back a series counts as present.</param>
    /// <returns>The query.</returns>
    public static string Present(string selector, IEnumerable<string> groupBy, MetricsWindow lookback) =>
        Aggregate("max", groupBy) + "(last_over_time(" + selector + "[" + lookback.PromQlRange + "]))";

    /// <summary>Writes <c>histogram_quantile(q, sum by (le, labels) (rate(selector[window])))</c>.</summary>
    /// <param name="quantile">The quantile, such as 0.99.</param>
    /// <param name="bucketSelector">The <c>_bucket</c> selector.</param>
    /// <param name="groupBy">The grouping labels besides <c>le</c>.</param>
    /// <param name="window">The window.</param>
    /// <returns>The query.</returns>
    public static string HistogramQuantile(
        double quantile, string bucketSelector, IEnumerable<string> groupBy, MetricsWindow window) =>
        "histogram_quantile(" + quantile.ToString("0.0#", CultureInfo.InvariantCulture) + ", "
        + Aggregate("sum", new[] { "le" }.Concat(groupBy))
        + "(rate(" + bucketSelector + "[" + window.PromQlRange + "])))";

    private static string Aggregate(string aggregation, IEnumerable<string> groupBy)
    {
        var labels = groupBy.ToList();
        return labels.Count == 0 ? aggregation + " " : aggregation + " by (" + string.Join(", ", labels) + ") ";
    }
}

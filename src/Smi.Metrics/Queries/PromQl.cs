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

    /// <summary>Escapes RE2 metacharacters so <paramref name="value"/> matches literally inside a regular expression.</summary>
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

    /// <summary>Writes <c>sum by (labels) (increase(selector[window]))</c>.</summary>
    /// <param name="selector">The counter selector.</param>
    /// <param name="groupBy">The grouping labels (none for a plain sum).</param>
    /// <param name="window">The window.</param>
    /// <returns>The query.</returns>
    public static string SumIncrease(string selector, IEnumerable<string> groupBy, MetricsWindow window) =>
        Sum(groupBy) + "(increase(" + selector + "[" + window.PromQlRange + "]))";

    /// <summary>Writes <c>histogram_quantile(q, sum by (le, labels) (rate(selector[window])))</c>.</summary>
    /// <param name="quantile">The quantile, such as 0.99.</param>
    /// <param name="bucketSelector">The <c>_bucket</c> selector.</param>
    /// <param name="groupBy">The grouping labels besides <c>le</c>.</param>
    /// <param name="window">The window.</param>
    /// <returns>The query.</returns>
    public static string HistogramQuantile(double quantile, string bucketSelector, IEnumerable<string> groupBy, MetricsWindow window) =>
        "histogram_quantile(" + quantile.ToString("0.0#", CultureInfo.InvariantCulture) + ", "
        + Sum(new[] { "le" }.Concat(groupBy)) + "(rate(" + bucketSelector + "[" + window.PromQlRange + "])))";

    private static string Sum(IEnumerable<string> groupBy)
    {
        var labels = groupBy.ToList();
        return labels.Count == 0 ? "sum " : "sum by (" + string.Join(", ", labels) + ") ";
    }
}

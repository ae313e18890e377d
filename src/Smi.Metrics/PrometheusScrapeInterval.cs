using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Smi.Metrics;

/// <summary>
/// Reads the scrape interval from a Prometheus configuration (the YAML that <c>/api/v1/status/config</c> returns,
/// see <see href="https://prometheus.io/docs/prometheus/latest/configuration/configuration/">Prometheus
/// configuration</see>).
/// </summary>
public static class PrometheusScrapeInterval
{
    /// <summary>Prometheus' own default when the configuration sets no <c>scrape_interval</c>: one minute.</summary>
    public static TimeSpan PrometheusDefault { get; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest scrape interval in the configuration: <c>global.scrape_interval</c> (one minute when absent) and
    /// every <c>scrape_configs[].scrape_interval</c>. The longest is taken because the mesh's series may come from any
    /// job, and a window fitted to the slowest job holds enough samples for every job.
    /// </summary>
    /// <param name="yaml">The configuration.</param>
    /// <param name="interval">The interval.</param>
    /// <returns><see langword="false"/> when the text is not a Prometheus configuration with valid durations.</returns>
    public static bool TryRead(string? yaml, out TimeSpan interval)
    {
        interval = PrometheusDefault;
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return false;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return false;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return false;
        }

        var global = PrometheusDefault;
        if (Child(root, "global") is YamlMappingNode globalNode
            && Child(globalNode, "scrape_interval") is YamlScalarNode globalInterval)
        {
            if (!TryParseDuration(globalInterval.Value, out global))
            {
                return false;
            }
        }

        var longest = global;
        if (Child(root, "scrape_configs") is YamlSequenceNode jobs)
        {
            foreach (var job in jobs.Children.OfType<YamlMappingNode>())
            {
                if (Child(job, "scrape_interval") is YamlScalarNode jobInterval)
                {
                    if (!TryParseDuration(jobInterval.Value, out var value))
                    {
                        return false;
                    }

                    longest = value > longest ? value : longest;
                }
            }
        }

        interval = longest;
        return true;
    }

    /// <summary>
    /// Parses a Prometheus duration: number-unit pairs from largest to smallest unit, units <c>y</c>, <c>w</c>,
    /// <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c>, <c>ms</c> (<c>15s</c>, <c>1m</c>, <c>1h30m</c>).
    /// </summary>
    /// <param name="text">The duration.</param>
    /// <param name="duration">The parsed, positive duration.</param>
    /// <returns><see langword="true"/> when the text is a positive duration.</returns>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (DurationText.TryParse(text, fractions: false, Unit, out var milliseconds) != DurationText.Problem.None
            || milliseconds > (decimal)TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        if (milliseconds <= 0)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds((double)milliseconds);
        return true;
    }

    private static decimal? Unit(string unit) => unit switch
    {
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "w" => 604_800_000,
        "y" => 31_536_000_000,
        _ => null,
    };

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}

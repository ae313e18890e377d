using System.Globalization;
using System.Text;

namespace Smi.Metrics.Tests;

/// <summary>
/// Renders <see cref="TrafficModel"/> (and <see cref="RealExports"/>) as the series each mesh exports, with the labels
/// Prometheus' pod scrape adds, as an OpenMetrics file for <c>promtool tsdb create-blocks-from openmetrics</c>. Every
/// series is a counter growing at a constant rate, sampled every scrape interval with jitter, that restarts from 0
/// once (see <see cref="PrometheusFixture"/> for why the expected values stay exact). Series with identical labels
/// (for example two clients hitting one server's inbound counter) are merged by adding their rates.
/// </summary>
internal sealed class OpenMetricsWriter
{
    /// <summary>How long before the evaluation time the counters restart.</summary>
    public const int ResetSecondsBeforeEvaluation = 40;

    private const int HistorySeconds = 1500;

    /// <summary>The jitter of successive samples, in steps of the interval's jitter amplitude.</summary>
    private static readonly int[] JitterPattern = [0, 1, -1, 1, -1];

    private readonly SortedDictionary<string, (string Metric, string Labels, double Rate)> series = new(StringComparer.Ordinal);

    /// <summary>Renders every series, sampled every <paramref name="scrapeSeconds"/> up to the evaluation.</summary>
    public static string Render(long evaluationSeconds, int scrapeSeconds)
    {
        var writer = new OpenMetricsWriter();
        foreach (var edge in TrafficModel.Edges)
        {
            writer.AddLinkerd(edge);
            writer.AddIstio(edge);
            writer.AddConsul(edge);
        }

        RealExports.AddTo(writer);
        var times = SampleTimes(evaluationSeconds, scrapeSeconds);
        return writer.Write(times, evaluationSeconds - ResetSecondsBeforeEvaluation);
    }

    /// <summary>
    /// Sample times, oldest first: every <paramref name="scrapeSeconds"/>, the newest half an interval before the
    /// evaluation time, each moved by up to a fifteenth of the interval (1 s, 2 s, 4 s).
    /// </summary>
    public static IReadOnlyList<long> SampleTimes(long evaluationSeconds, int scrapeSeconds)
    {
        var amplitude = scrapeSeconds / 15;
        var times = new List<long>();
        for (var k = 0; k <= HistorySeconds / scrapeSeconds; k++)
        {
            var jitter = amplitude * JitterPattern[k % JitterPattern.Length];
            times.Add(evaluationSeconds - (scrapeSeconds / 2) - ((long)k * scrapeSeconds) + jitter);
        }

        times.Reverse();
        return times;
    }

    /// <summary>Adds a counter series growing at <paramref name="rate"/> per second.</summary>
    public void AddCounter(string metric, IReadOnlyDictionary<string, string> labels, double rate)
    {
        if (rate <= 0)
        {
            return;
        }

        var sorted = labels.OrderBy(pair => pair.Key, StringComparer.Ordinal);
        var text = string.Join(",", sorted.Select(pair => $"{pair.Key}=\"{pair.Value}\""));
        var key = metric + "{" + text + "}";
        var total = series.TryGetValue(key, out var existing) ? existing.Rate + rate : rate;
        series[key] = (metric, text, total);
    }

    /// <summary>
    /// Adds the <c>_bucket</c> series of a histogram with the cumulative per-second rates given, one per
    /// <see cref="TrafficModel.Le"/>.
    /// </summary>
    public void AddHistogram(string metric, IReadOnlyDictionary<string, string> labels, double[] cumulativeBuckets)
    {
        for (var i = 0; i < TrafficModel.Le.Length; i++)
        {
            AddCounter(metric, With(labels, ("le", TrafficModel.Le[i])), cumulativeBuckets[i]);
        }
    }

    public static Dictionary<string, string> With(
        IReadOnlyDictionary<string, string> labels, params (string Key, string Value)[] extra)
    {
        var copy = new Dictionary<string, string>(labels);
        foreach (var (key, value) in extra)
        {
            copy[key] = value;
        }

        return copy;
    }

    private static Dictionary<string, string> Scrape(FakePod pod) => new() { ["namespace"] = pod.Namespace, ["pod"] = pod.Name };

    private void AddLinkerd(FakeEdge edge)
    {
        var outbound = Scrape(edge.Client);
        outbound["direction"] = "outbound";
        outbound[edge.Client.WorkloadKind] = edge.Client.Workload;
        outbound["dst_namespace"] = edge.Server.Namespace;
        outbound["dst_pod"] = edge.Server.Name;
        outbound["dst_" + edge.Server.WorkloadKind] = edge.Server.Workload;
        outbound["dst_service"] = edge.Service;
        outbound["authority"] = edge.Authority;
        outbound["tls"] = "true";

        var inbound = Scrape(edge.Server);
        inbound["direction"] = "inbound";
        inbound[edge.Server.WorkloadKind] = edge.Server.Workload;
        inbound["authority"] = edge.Authority;
        inbound["tls"] = "true";

        foreach (var labels in new[] { outbound, inbound })
        {
            AddCounter("response_total", With(labels, ("classification", "success"), ("status_code", "200")), edge.Success);
            AddCounter("response_total", With(labels, ("classification", "failure"), ("status_code", "500")), edge.Failure);
            AddHistogram("response_latency_ms_bucket", labels, edge);
        }
    }

    private void AddIstio(FakeEdge edge)
    {
        var common = new Dictionary<string, string>
        {
            ["source_workload"] = edge.Client.Workload,
            ["source_workload_namespace"] = edge.Client.Namespace,
            ["destination_workload"] = edge.Server.Workload,
            ["destination_workload_namespace"] = edge.Server.Namespace,
            ["destination_service"] = edge.Service + "." + edge.Server.Namespace + ".svc.cluster.local",
            ["destination_service_name"] = edge.Service,
            ["destination_service_namespace"] = edge.Server.Namespace,
            ["request_protocol"] = "http",
        };
        foreach (var (reporter, pod) in new[] { ("source", edge.Client), ("destination", edge.Server) })
        {
            var labels = new Dictionary<string, string>(common) { ["reporter"] = reporter };
            foreach (var (key, value) in Scrape(pod))
            {
                labels[key] = value;
            }

            AddCounter("istio_requests_total", With(labels, ("response_code", "200")), edge.Success);
            AddCounter("istio_requests_total", With(labels, ("response_code", "503")), edge.Failure);
            AddHistogram("istio_request_duration_milliseconds_bucket", With(labels, ("response_code", "200")), edge);
        }
    }

    private void AddConsul(FakeEdge edge)
    {
        var upstream = Scrape(edge.Client);
        upstream["local_cluster"] = edge.Client.Workload;
        upstream["consul_destination_service"] = edge.Service;
        upstream["consul_destination_namespace"] = "default";
        upstream["consul_destination_datacenter"] = "dc1";
        upstream["consul_destination_partition"] = "default";
        upstream["consul_destination_routing_type"] = "internal";
        upstream["consul_source_service"] = edge.Client.Workload;
        upstream["consul_source_namespace"] = "default";
        upstream["consul_source_datacenter"] = "dc1";
        AddCounter("envoy_cluster_upstream_rq_xx", With(upstream, ("envoy_response_code_class", "2")), edge.Success);
        AddCounter("envoy_cluster_upstream_rq_xx", With(upstream, ("envoy_response_code_class", "5")), edge.Failure);
        AddHistogram("envoy_cluster_upstream_rq_time_bucket", upstream, edge);

        var downstream = Scrape(edge.Server);
        downstream["envoy_http_conn_manager_prefix"] = "public_listener";
        downstream["local_cluster"] = edge.Server.Workload;
        downstream["consul_source_service"] = edge.Server.Workload;
        downstream["consul_source_namespace"] = "default";
        downstream["consul_source_datacenter"] = "dc1";
        downstream["consul_source_partition"] = "default";
        AddCounter("envoy_http_downstream_rq_xx", With(downstream, ("envoy_response_code_class", "2")), edge.Success);
        AddCounter("envoy_http_downstream_rq_xx", With(downstream, ("envoy_response_code_class", "5")), edge.Failure);
        AddHistogram("envoy_http_downstream_rq_time_bucket", downstream, edge);
    }

    private void AddHistogram(string metric, Dictionary<string, string> labels, FakeEdge edge) =>
        AddHistogram(metric, labels, edge.CumulativeBuckets);

    private string Write(IReadOnlyList<long> times, long resetSeconds)
    {
        var start = times[0];
        var lastBeforeReset = times.Last(t => t < resetSeconds);
        var builder = new StringBuilder();
        foreach (var (metric, labels, rate) in series.Values)
        {
            foreach (var t in times)
            {
                // The process restarts right after the scrape at lastBeforeReset; the next sample counts from there.
                var value = t <= lastBeforeReset ? rate * (t - start) : rate * (t - lastBeforeReset);
                builder.Append(metric).Append('{').Append(labels).Append("} ")
                    .Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(' ')
                    .Append(t.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return builder.Append("# EOF\n").ToString();
    }

    public int SeriesCount => series.Count;
}

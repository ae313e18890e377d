using System.Globalization;
using System.Text;

namespace Smi.Metrics.Tests;

/// <summary>
/// Renders <see cref="TrafficModel"/> as the series each mesh exports (with the labels Prometheus' pod scrape adds),
/// as an OpenMetrics file for <c>promtool tsdb create-blocks-from openmetrics</c>. Every series is a counter growing at
/// a constant rate from 0 at <c>start</c>, sampled every 15 seconds up to the evaluation time. Series with identical
/// labels (for example two clients hitting one server's inbound counter) are merged by adding their rates.
/// </summary>
internal sealed class OpenMetricsWriter
{
    public const int StepSeconds = 15;

    private readonly SortedDictionary<string, (string Metric, string Labels, double Rate)> series = new(StringComparer.Ordinal);

    public static string Render(long startSeconds, long endSeconds)
    {
        var writer = new OpenMetricsWriter();
        foreach (var edge in TrafficModel.Edges)
        {
            writer.AddLinkerd(edge);
            writer.AddIstio(edge);
            writer.AddConsul(edge);
        }

        return writer.Write(startSeconds, endSeconds);
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
        AddCounter("envoy_cluster_upstream_rq_xx", With(upstream, ("envoy_response_code_class", "2")), edge.Success);
        AddCounter("envoy_cluster_upstream_rq_xx", With(upstream, ("envoy_response_code_class", "5")), edge.Failure);
        AddHistogram("envoy_cluster_upstream_rq_time_bucket", upstream, edge);

        var downstream = Scrape(edge.Server);
        downstream["envoy_http_conn_manager_prefix"] = "public_listener";
        downstream["local_cluster"] = edge.Server.Workload;
        downstream["consul_source_service"] = edge.Server.Workload;
        downstream["consul_source_namespace"] = "default";
        AddCounter("envoy_http_downstream_rq_xx", With(downstream, ("envoy_response_code_class", "2")), edge.Success);
        AddCounter("envoy_http_downstream_rq_xx", With(downstream, ("envoy_response_code_class", "5")), edge.Failure);
        AddHistogram("envoy_http_downstream_rq_time_bucket", downstream, edge);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> labels, params (string Key, string Value)[] extra)
    {
        var copy = new Dictionary<string, string>(labels);
        foreach (var (key, value) in extra)
        {
            copy[key] = value;
        }

        return copy;
    }

    private void AddHistogram(string metric, Dictionary<string, string> labels, FakeEdge edge)
    {
        for (var i = 0; i < TrafficModel.Le.Length; i++)
        {
            AddCounter(metric, With(labels, ("le", TrafficModel.Le[i])), edge.CumulativeBuckets[i]);
        }
    }

    private void AddCounter(string metric, Dictionary<string, string> labels, double rate)
    {
        if (rate <= 0)
        {
            return;
        }

        var text = string.Join(",", labels.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}=\"{pair.Value}\""));
        var key = metric + "{" + text + "}";
        series[key] = series.TryGetValue(key, out var existing) ? (metric, text, existing.Rate + rate) : (metric, text, rate);
    }

    private string Write(long startSeconds, long endSeconds)
    {
        var builder = new StringBuilder();
        foreach (var (metric, labels, rate) in series.Values)
        {
            for (var t = startSeconds; t <= endSeconds; t += StepSeconds)
            {
                var value = rate * (t - startSeconds);
                builder.Append(metric).Append('{').Append(labels).Append("} ")
                    .Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(' ')
                    .Append(t.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return builder.Append("# EOF\n").ToString();
    }

    public int SeriesCount => series.Count;
}

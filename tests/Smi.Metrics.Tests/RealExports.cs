namespace Smi.Metrics.Tests;

/// <summary>
/// Series shaped after what the meshes export in the cases the plain model leaves out, each in a namespace of its own
/// so the expectations of <see cref="TrafficModel"/> stay as they are. Rates are per second; every histogram puts all
/// requests in the first bucket (le 10), so p50 = 5, p90 = 9 and p99 = 9.9 ms.
/// </summary>
/// <remarks>
/// <para>
/// Istio, namespace <c>rpc</c> (deployments client, server, ambient). client-1 → server-1 over gRPC, reported by both
/// proxies: HTTP 200 with grpc status 0 at 3/s (the only series with a histogram); HTTP 200 with grpc status 14 at
/// 1/s; response_code 0 (no response) at 0.5/s; HTTP 503 with grpc status 14 at 0.5/s; HTTP 404 without a grpc status
/// at 0.5/s. Traffic from outside the mesh reaches server-1 at 1/s (source_workload "unknown", destination reporter
/// only); client-1 calls an external host at 1/s (destination_workload "unknown", source reporter only). client-1
/// → ambient through a waypoint at 2/s: reported by the client's sidecar (source) and the waypoint (waypoint); the
/// ambient workload has no sidecar and so no destination report.
/// </para>
/// <para>
/// Linkerd, namespace <c>pay</c>: shopper-1 calls the split apex <c>pay</c> (backends pay-v1, pay-v2) with every
/// authority form: pay-v1 by <c>pay.pay.svc.cluster.local:8080</c> 1/s, <c>pay.pay.svc:8080</c> 0.5/s and
/// <c>pay:8080</c> 0.5/s; pay-v2 by <c>pay.pay:8080</c> 0.5/s, and directly by
/// <c>pay-v2.pay.svc.cluster.local:8080</c> 1/s (not split traffic).
/// </para>
/// <para>
/// Consul, namespace <c>legacy</c>: old-api (Consul before 1.10, listener prefix <c>public_listener_http</c>) answers
/// 2/s with class 2 and 0.5/s with class 5; cache is a service with the default protocol, tcp, whose inbound
/// listener only exports <c>envoy_tcp_downstream_cx_total</c> (1 connection/s).
/// </para>
/// </remarks>
internal static class RealExports
{
    private static readonly double[] Three = [3, 3, 3, 3, 3, 3];
    private const string IstioBuckets = "istio_request_duration_milliseconds_bucket";
    private static readonly double[] Two = [2, 2, 2, 2, 2, 2];

    public static void AddTo(OpenMetricsWriter writer)
    {
        AddIstio(writer);
        AddLinkerd(writer);
        AddConsul(writer);
    }

    private static void AddIstio(OpenMetricsWriter writer)
    {
        foreach (var (reporter, pod) in new[] { ("source", "client-1"), ("destination", "server-1") })
        {
            var labels = Istio(reporter, pod, "client", "rpc", "server", "rpc", "server");
            labels["request_protocol"] = "grpc";
            Requests(
                writer,
                labels,
                ("200", "0", 3),
                ("200", "14", 1),
                ("0", string.Empty, 0.5),
                ("503", "14", 0.5),
                ("404", string.Empty, 0.5));
            var ok = OpenMetricsWriter.With(labels, ("response_code", "200"), ("grpc_response_status", "0"));
            writer.AddHistogram(IstioBuckets, ok, Three);
        }

        var fromOutside = Istio("destination", "server-1", "unknown", "unknown", "server", "rpc", "server");
        Requests(writer, fromOutside, ("200", string.Empty, 1));
        var toOutside = Istio("source", "client-1", "client", "rpc", "unknown", "unknown", "httpbin.org");
        Requests(writer, toOutside, ("200", string.Empty, 1));
        foreach (var (reporter, pod) in new[] { ("source", "client-1"), ("waypoint", "waypoint-1") })
        {
            var labels = Istio(reporter, pod, "client", "rpc", "ambient", "rpc", "ambient");
            Requests(writer, labels, ("200", string.Empty, 2));
            writer.AddHistogram(IstioBuckets, OpenMetricsWriter.With(labels, ("response_code", "200")), Two);
        }
    }

    private static Dictionary<string, string> Istio(
        string reporter,
        string pod,
        string source,
        string sourceNamespace,
        string destination,
        string destinationNamespace,
        string service) => new()
    {
        ["reporter"] = reporter,
        ["namespace"] = "rpc",
        ["pod"] = pod,
        ["source_workload"] = source,
        ["source_workload_namespace"] = sourceNamespace,
        ["destination_workload"] = destination,
        ["destination_workload_namespace"] = destinationNamespace,
        ["destination_service"] = destinationNamespace == "unknown"
            ? service
            : service + "." + destinationNamespace + ".svc.cluster.local",
        ["destination_service_name"] = service,
        ["destination_service_namespace"] = destinationNamespace,
        ["request_protocol"] = "http",
    };

    private static void Requests(
        OpenMetricsWriter writer,
        Dictionary<string, string> labels,
        params (string Code, string Grpc, double Rate)[] responses)
    {
        foreach (var (code, grpc, rate) in responses)
        {
            var series = OpenMetricsWriter.With(labels, ("response_code", code));
            if (grpc.Length > 0)
            {
                series["grpc_response_status"] = grpc;
            }

            writer.AddCounter("istio_requests_total", series, rate);
        }
    }

    private static void AddLinkerd(OpenMetricsWriter writer)
    {
        foreach (var (backend, authority, rate) in new[]
        {
            ("pay-v1", "pay.pay.svc.cluster.local:8080", 1.0),
            ("pay-v1", "pay.pay.svc:8080", 0.5),
            ("pay-v1", "pay:8080", 0.5),
            ("pay-v2", "pay.pay:8080", 0.5),
            ("pay-v2", "pay-v2.pay.svc.cluster.local:8080", 1.0),
        })
        {
            var labels = new Dictionary<string, string>
            {
                ["direction"] = "outbound",
                ["namespace"] = "pay",
                ["pod"] = "shopper-1",
                ["deployment"] = "shopper",
                ["dst_namespace"] = "pay",
                ["dst_deployment"] = backend,
                ["dst_pod"] = backend + "-1",
                ["dst_service"] = backend,
                ["authority"] = authority,
                ["tls"] = "true",
            };
            var success = OpenMetricsWriter.With(labels, ("classification", "success"), ("status_code", "200"));
            writer.AddCounter("response_total", success, rate);
            writer.AddHistogram("response_latency_ms_bucket", labels, [rate, rate, rate, rate, rate, rate]);
        }
    }

    private static void AddConsul(OpenMetricsWriter writer)
    {
        var oldApi = Consul("old-api");
        oldApi["envoy_http_conn_manager_prefix"] = "public_listener_http";
        const string Responses = "envoy_http_downstream_rq_xx";
        writer.AddCounter(Responses, OpenMetricsWriter.With(oldApi, ("envoy_response_code_class", "2")), 2);
        writer.AddCounter(Responses, OpenMetricsWriter.With(oldApi, ("envoy_response_code_class", "5")), 0.5);
        writer.AddHistogram("envoy_http_downstream_rq_time_bucket", oldApi, [2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);

        var cache = Consul("cache");
        cache["envoy_tcp_prefix"] = "public_listener";
        writer.AddCounter("envoy_tcp_downstream_cx_total", cache, 1);
    }

    private static Dictionary<string, string> Consul(string service) => new()
    {
        ["namespace"] = "legacy",
        ["pod"] = service + "-1",
        ["local_cluster"] = service,
        ["consul_source_service"] = service,
        ["consul_source_namespace"] = "default",
        ["consul_source_datacenter"] = "dc1",
        ["consul_source_partition"] = "default",
    };
}

namespace Smi.Metrics.Tests;

/// <summary>A pod in the synthetic cluster, with the workload that owns it.</summary>
internal sealed record FakePod(string Namespace, string Name, string WorkloadKind, string Workload);

/// <summary>
/// Requests from one client pod to one server pod, at constant per-second rates. <see cref="CumulativeBuckets"/> are
/// the per-second rates of the latency histogram's cumulative buckets, in the order of <see cref="TrafficModel.Le"/>
/// (the last one, +Inf, equals success + failure).
/// </summary>
internal sealed record FakeEdge(FakePod Client, FakePod Server, string Authority, string Service, double Success, double Failure, double[] CumulativeBuckets);

/// <summary>
/// The traffic every mesh's series describe. The same requests are rendered as Istio, Linkerd and Consul series, so the
/// expected numbers (see <see cref="Expected"/>) are the same for every mesh except where a mesh cannot tell things apart.
/// </summary>
internal static class TrafficModel
{
    public static readonly string[] Le = ["10", "25", "50", "100", "250", "+Inf"];

    public static readonly FakePod Web1 = new("shop", "web-1", "deployment", "web");
    public static readonly FakePod Api1 = new("shop", "api-1", "deployment", "api");
    public static readonly FakePod Api2 = new("shop", "api-2", "deployment", "api");
    public static readonly FakePod StoreV10 = new("shop", "store-v1-0", "statefulset", "store-v1");
    public static readonly FakePod StoreV2X = new("shop", "store-v2-x", "daemonset", "store-v2");
    public static readonly FakePod Probe1 = new("ops", "probe-1", "deployment", "probe");

    private const string ApiHost = "api.shop.svc.cluster.local:8080";
    private const string StoreHost = "store.shop.svc.cluster.local:6379";
    private const string StoreV2Host = "store-v2.shop.svc.cluster.local:6379";

    /// <summary>
    /// E1 web-1→api-1, E2 web-1→api-2, E3 probe-1 (namespace ops)→api-2, E4 api-1→store-v1-0 through the apex "store",
    /// E5a api-2→store-v2-x through the apex, E5b api-2→store-v2-x called directly.
    /// </summary>
    public static readonly FakeEdge[] Edges =
    [
        new(Web1, Api1, ApiHost, "api", 2, 0.5, [0.5, 1, 2, 2.5, 2.5, 2.5]),
        new(Web1, Api2, ApiHost, "api", 1, 0, [0, 0.5, 0.5, 1, 1, 1]),
        new(Probe1, Api2, ApiHost, "api", 0.5, 0.5, [0, 0, 0, 0.5, 1, 1]),
        new(Api1, StoreV10, StoreHost, "store-v1", 3, 1, [2, 3, 3.5, 4, 4, 4]),
        new(Api2, StoreV2X, StoreHost, "store-v2", 0.5, 0, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
        new(Api2, StoreV2X, StoreV2Host, "store-v2", 0.5, 0, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
    ];
}

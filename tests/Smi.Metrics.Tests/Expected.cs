using System.Globalization;

namespace Smi.Metrics.Tests;

/// <summary>
/// The expected values of one item: success and failure rates per second (the served counts are these times the
/// window) and the latencies as served (Kubernetes quantities), <see langword="null"/> where there is no data.
/// </summary>
internal sealed record Expect(double Success, double Failure, string? P50, string? P90, string? P99)
{
    /// <summary>No traffic: zero counts, and no latencies (not 0 ms).</summary>
    public static readonly Expect NoTraffic = new(0, 0, null, null, null);

    /// <summary>All requests in the first bucket (le 10): p50 5, p90 9, p99 9.9.</summary>
    public static Expect FirstBucket(double success, double failure) => new(success, failure, "5", "9", "9900m");

    /// <summary>
    /// The count served for <paramref name="rate"/> over <paramref name="windowSeconds"/>, written by hand as a
    /// canonical quantity.
    /// </summary>
    public static string Count(double rate, int windowSeconds)
    {
        var count = (decimal)rate * windowSeconds;
        Assert.True(
            count == decimal.Truncate(count),
            $"{rate}/s over {windowSeconds}s is not a whole count; pick another window");
        var whole = (long)count;
        return whole != 0 && whole % 1000 == 0
            ? (whole / 1000).ToString(CultureInfo.InvariantCulture) + "k"
            : whole.ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Values worked out by hand from <see cref="TrafficModel"/>, as per-second rates (the fixture's counters are linear,
/// so a window of W seconds holds rate x W). Latencies follow histogram_quantile: rank = q x (+Inf rate), then linear
/// interpolation inside the first bucket whose cumulative rate reaches the rank (lower bound 0 for the first bucket).
/// Rates per edge (success/failure, cumulative buckets le 10/25/50/100/250/+Inf):
/// E1 web-1→api-1 2/0.5 [0.5,1,2,2.5,2.5,2.5]; E2 web-1→api-2 1/0 [0,0.5,0.5,1,1,1];
/// E3 probe-1→api-2 0.5/0.5 [0,0,0,0.5,1,1]; E4 api-1→store-v1-0 3/1 [2,3,3.5,4,4,4];
/// E5 = E5a + E5b api-2→store-v2-x 1/0 [1,1,1,1,1,1] (each half 0.5/0 through the apex and directly).
/// </summary>
internal static class Expected
{
    /// <summary>
    /// Deployment api = E1+E2+E3: success 3.5/s, failure 1/s; buckets [0.5,1.5,2.5,4,4.5,4.5].
    /// p50: rank 2.25 in (25,50]: 25 + 25 x (2.25-1.5)/1 = 43.75. p90: rank 4.05 in (100,250]: 100 + 150 x 0.05/0.5 = 115.
    /// p99: rank 4.455 in (100,250]: 100 + 150 x 0.455/0.5 = 236.5.
    /// </summary>
    public static readonly Expect Api = new(3.5, 1, "43750m", "115", "236500m");

    /// <summary>
    /// StatefulSet store-v1 = E4: 3/s, 1/s; p50 rank 2 in (0,10]: 10 x 2/2 = 10; p90 rank 3.6 in (50,100]:
    /// 50 + 50 x 0.1/0.5 = 60; p99 rank 3.96: 50 + 50 x 0.46/0.5 = 96.
    /// </summary>
    public static readonly Expect StoreV1 = new(3, 1, "10", "60", "96");

    /// <summary>DaemonSet store-v2 = E5a+E5b: 1/s, 0; all in (0,10]: p50 10 x 0.5 = 5, p90 9, p99 9.9.</summary>
    public static readonly Expect StoreV2 = new(1, 0, "5", "9", "9900m");

    /// <summary>Only E5a (through the apex): 0.5/s; same latency shape as <see cref="StoreV2"/>.</summary>
    public static readonly Expect StoreV2ThroughApex = new(0.5, 0, "5", "9", "9900m");

    /// <summary>
    /// Pod api-1 = E1: 2/s, 0.5/s; p50 rank 1.25 in (25,50]: 25 + 25 x 0.25/1 = 31.25; p90 rank 2.25 in (50,100]:
    /// 50 + 50 x 0.25/0.5 = 75; p99 rank 2.475: 50 + 50 x 0.475/0.5 = 97.5.
    /// </summary>
    public static readonly Expect Api1 = new(2, 0.5, "31250m", "75", "97500m");

    /// <summary>
    /// Pod api-2 = E2+E3: 1.5/s, 0.5/s; buckets [0,0.5,0.5,1.5,2,2]; p50 rank 1 in (50,100]: 50 + 50 x 0.5/1 = 75;
    /// p90 rank 1.8 in (100,250]: 100 + 150 x 0.3/0.5 = 190; p99 rank 1.98: 100 + 150 x 0.48/0.5 = 244.
    /// </summary>
    public static readonly Expect Api2 = new(1.5, 0.5, "75", "190", "244");

    /// <summary>
    /// Namespace shop receives every edge: success 7.5/s, failure 2/s; buckets [3.5,5.5,7,9,9.5,9.5].
    /// p50 rank 4.75 in (10,25]: 10 + 15 x 1.25/2 = 19.375; p90 rank 8.55 in (50,100]: 50 + 50 x 1.55/2 = 88.75;
    /// p99 rank 9.405 in (100,250]: 100 + 150 x 0.405/0.5 = 221.5.
    /// </summary>
    public static readonly Expect NamespaceShop = new(7.5, 2, "19375m", "88750m", "221500m");

    /// <summary>
    /// web → api = E1+E2: 3/s, 0.5/s; buckets [0.5,1.5,2.5,3.5,3.5,3.5]; p50 rank 1.75 in (25,50]:
    /// 25 + 25 x 0.25 = 31.25; p90 rank 3.15 in (50,100]: 50 + 50 x 0.65 = 82.5; p99 rank 3.465:
    /// 50 + 50 x 0.965 = 98.25.
    /// </summary>
    public static readonly Expect WebToApi = new(3, 0.5, "31250m", "82500m", "98250m");

    /// <summary>
    /// probe → api = E3: 0.5/s, 0.5/s; p50 rank 0.5 in (50,100]: 50 + 50 x 0.5/0.5 = 100; p90 rank 0.9 in (100,250]:
    /// 100 + 150 x 0.4/0.5 = 220; p99 rank 0.99: 100 + 150 x 0.49/0.5 = 247.
    /// </summary>
    public static readonly Expect ProbeToApi = new(0.5, 0.5, "100", "220", "247");

    /// <summary>
    /// web-1 → api-2 = E2: 1/s, 0; p50 rank 0.5 in (10,25]: 10 + 15 x 0.5/0.5 = 25; p90 rank 0.9 in (50,100]:
    /// 50 + 50 x 0.4/0.5 = 90; p99 rank 0.99: 50 + 50 x 0.49/0.5 = 99.
    /// </summary>
    public static readonly Expect Web1ToApi2 = new(1, 0, "25", "90", "99");

    /// <summary>
    /// shop → shop = E1+E2+E4+E5: success 7/s, failure 1.5/s; buckets [3.5,5.5,7,8.5,8.5,8.5].
    /// p50 rank 4.25 in (10,25]: 10 + 15 x 0.75/2 = 15.625; p90 rank 7.65 in (50,100]: 50 + 50 x 0.65/1.5 = 71.6667 → 71667m;
    /// p99 rank 8.415: 50 + 50 x 1.415/1.5 = 97.1667 → 97167m (values are rounded to the nearest thousandth).
    /// </summary>
    public static readonly Expect ShopToShop = new(7, 1.5, "15625m", "71667m", "97167m");

    /// <summary>
    /// The window each server serves when the default (30 s) is asked for: four scrape intervals, since 30 s is
    /// shorter than that on every one of them.
    /// </summary>
    public static (int Seconds, string Text) DefaultWindow(int scrapeSeconds) => scrapeSeconds switch
    {
        15 => (60, "1m0s"),
        30 => (120, "2m0s"),
        60 => (240, "4m0s"),
        _ => throw new ArgumentOutOfRangeException(nameof(scrapeSeconds)),
    };

    /// <summary>Own metrics of every resource, the same for every mesh: (resource, namespace, name, expected).</summary>
    public static readonly (string Resource, string? Namespace, string Name, Expect Values)[] Resources =
    [
        ("deployments", "shop", "api", Api),
        ("deployments", "shop", "web", Expect.NoTraffic),
        ("deployments", "ops", "probe", Expect.NoTraffic),
        ("statefulsets", "shop", "store-v1", StoreV1),
        ("daemonsets", "shop", "store-v2", StoreV2),
        ("pods", "shop", "api-1", Api1),
        ("pods", "shop", "api-2", Api2),
        ("pods", "shop", "web-1", Expect.NoTraffic),
        ("pods", "shop", "store-v1-0", StoreV1),
        ("namespaces", null, "shop", NamespaceShop),
        ("namespaces", null, "ops", Expect.NoTraffic),
    ];

    /// <summary>One expected edge item: direction, side, peer kind/namespace/name and values.</summary>
    internal sealed record EdgeExpect(string Direction, string Side, string PeerKind, string? PeerNamespace, string PeerName, Expect Values);

    /// <summary>Edges per mesh; a <see langword="null"/> list means the mesh does not serve edges for that kind (404).</summary>
    public static IReadOnlyList<EdgeExpect>? Edges(string mesh, string resource, string? ns, string name) => (mesh, resource, ns, name) switch
    {
        // Linkerd only pairs peers of the same kind (dst_deployment, dst_pod, ...), measured at the client.
        ("linkerd", "deployments", "shop", "api") =>
        [
            new("from", "client", "Deployment", "ops", "probe", ProbeToApi),
            new("from", "client", "Deployment", "shop", "web", WebToApi),
        ],
        ("linkerd", "deployments", "shop", "web") => [new("to", "client", "Deployment", "shop", "api", WebToApi)],
        ("linkerd", "statefulsets", "shop", "store-v1") => [],
        ("linkerd", "pods", "shop", "api-2") =>
        [
            new("to", "client", "Pod", "shop", "store-v2-x", StoreV2),
            new("from", "client", "Pod", "ops", "probe-1", ProbeToApi),
            new("from", "client", "Pod", "shop", "web-1", Web1ToApi2),
        ],
        ("linkerd", "namespaces", null, "shop") =>
        [
            new("to", "client", "Namespace", null, "shop", ShopToShop),
            new("from", "client", "Namespace", null, "ops", ProbeToApi),
            new("from", "client", "Namespace", null, "shop", ShopToShop),
        ],
        ("linkerd", "namespaces", null, "ops") => [new("to", "client", "Namespace", null, "shop", ProbeToApi)],

        // Istio: workload names carry no kind, so peers take the requested kind; "from" is measured at the server.
        ("istio", "deployments", "shop", "api") =>
        [
            new("to", "client", "Deployment", "shop", "store-v1", StoreV1),
            new("to", "client", "Deployment", "shop", "store-v2", StoreV2),
            new("from", "server", "Deployment", "ops", "probe", ProbeToApi),
            new("from", "server", "Deployment", "shop", "web", WebToApi),
        ],
        ("istio", "deployments", "shop", "web") => [new("to", "client", "Deployment", "shop", "api", WebToApi)],
        ("istio", "statefulsets", "shop", "store-v1") => [new("from", "server", "StatefulSet", "shop", "api", StoreV1)],
        ("istio", "pods", _, _) => null,
        ("istio", "namespaces", null, "shop") =>
        [
            new("to", "client", "Namespace", null, "shop", ShopToShop),
            new("from", "server", "Namespace", null, "ops", ProbeToApi),
            new("from", "server", "Namespace", null, "shop", ShopToShop),
        ],
        ("istio", "namespaces", null, "ops") => [new("to", "client", "Namespace", null, "shop", ProbeToApi)],

        // Consul: Consul service names stand for workloads; both directions come from the client's upstream clusters.
        ("consul", "deployments", "shop", "api") =>
        [
            new("to", "client", "Deployment", "shop", "store-v1", StoreV1),
            new("to", "client", "Deployment", "shop", "store-v2", StoreV2),
            new("from", "client", "Deployment", "ops", "probe", ProbeToApi),
            new("from", "client", "Deployment", "shop", "web", WebToApi),
        ],
        ("consul", "deployments", "shop", "web") => [new("to", "client", "Deployment", "shop", "api", WebToApi)],
        ("consul", "statefulsets", "shop", "store-v1") => [new("from", "client", "StatefulSet", "shop", "api", StoreV1)],
        ("consul", "pods", _, _) => null,
        ("consul", "namespaces", _, _) => null,
        _ => throw new ArgumentException($"no expectation for {mesh} {resource} {ns}/{name}"),
    };

    /// <summary>The edge cases every mesh is asked for.</summary>
    public static readonly (string Resource, string? Namespace, string Name)[] EdgeCases =
    [
        ("deployments", "shop", "api"),
        ("deployments", "shop", "web"),
        ("statefulsets", "shop", "store-v1"),
        ("pods", "shop", "api-2"),
        ("namespaces", null, "shop"),
        ("namespaces", null, "ops"),
    ];

    /// <summary>
    /// Backends of the split shop/store-split (apex store; store-v1 weight 90, store-v2 weight 10). Linkerd counts only
    /// requests whose authority is the apex (E4; E5a); Istio and Consul cannot tell, so store-v2 also gets E5b.
    /// </summary>
    public static Expect SplitStoreV2(string mesh) => mesh == "linkerd" ? StoreV2ThroughApex : StoreV2;
}

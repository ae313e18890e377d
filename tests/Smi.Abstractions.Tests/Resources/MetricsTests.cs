using k8s;
using Smi.Abstractions.Resources;
using V1 = Smi.Abstractions.Resources.Metrics.V1Alpha1;
using V2 = Smi.Abstractions.Resources.Metrics.V1Alpha2;

namespace Smi.Abstractions.Tests.Resources;

public class MetricsTests
{
    // The traffic-metrics spec example for a pod edge (side and backend are the v1alpha2 additions).
    private const string PodEdge = """
        {
          "apiVersion": "metrics.smi-spec.io/v1alpha2",
          "kind": "TrafficMetrics",
          "resource": {"name": "foo-775b9cbd88-ntxsl", "namespace": "foobar", "kind": "Pod"},
          "edge": {
            "direction": "to",
            "side": "client",
            "resource": {"name": "baz-577db7d977-lsk2q", "namespace": "foobar", "kind": "Pod"}
          },
          "timestamp": "2019-04-08T22:25:55Z",
          "window": "30s",
          "metrics": [
            {"name": "p99_response_latency", "unit": "seconds", "value": "10m"},
            {"name": "p90_response_latency", "unit": "seconds", "value": "10m"},
            {"name": "p50_response_latency", "unit": "seconds", "value": "10m"},
            {"name": "success_count", "value": "100"},
            {"name": "failure_count", "value": 0}
          ]
        }
        """;

    private const string SplitList = """
        {
          "apiVersion": "metrics.smi-spec.io/v1alpha2",
          "kind": "TrafficMetricsList",
          "resource": {"kind": "TrafficSplit", "namespace": "default", "name": "website"},
          "items": [
            {
              "apiVersion": "metrics.smi-spec.io/v1alpha2",
              "kind": "TrafficMetrics",
              "resource": {"kind": "TrafficSplit", "namespace": "default", "name": "website"},
              "backend": {"apex": "website", "name": "website-v1", "weight": 90},
              "window": "30s",
              "metrics": [{"name": "success_count", "value": "1500m"}]
            }
          ]
        }
        """;

    [Fact]
    public void V1Alpha2_ReadsThePodEdgeExample()
    {
        var metrics = KubernetesJson.Deserialize<V2.TrafficMetrics>(PodEdge);
        Assert.Equal(("Pod", "foo-775b9cbd88-ntxsl"), (metrics.Resource!.Kind, metrics.Resource.Name));
        Assert.Equal(("to", "client", "baz-577db7d977-lsk2q"), (metrics.Edge!.Direction, metrics.Edge.Side, metrics.Edge.Resource!.Name));
        Assert.Equal(new DateTime(2019, 4, 8, 22, 25, 55, DateTimeKind.Utc), metrics.Timestamp!.Value.ToUniversalTime());
        Assert.Equal("30s", metrics.Window);
        Assert.Equal([0.01m, 0.01m, 0.01m, 100m, 0m], metrics.Metrics!.Select(m => m.Value!.Value.Value));
    }

    [Fact]
    public void V1Alpha1_ReadsTheExample_WithoutTheV1Alpha2Fields()
    {
        var metrics = KubernetesJson.Deserialize<V1.TrafficMetrics>(PodEdge.Replace("v1alpha2", "v1alpha1", StringComparison.Ordinal));
        Assert.Equal("to", metrics.Edge!.Direction);
        Assert.Equal(new Quantity(0.01m), metrics.Metrics![0].Value);
        Assert.DoesNotContain("side", KubernetesJson.Serialize(metrics), StringComparison.Ordinal);
    }

    [Fact]
    public void V1Alpha2_ReadsATrafficSplitList()
    {
        var list = KubernetesJson.Deserialize<V2.TrafficMetricsList>(SplitList);
        var item = Assert.Single(list.Items);
        Assert.Equal(("website", "website-v1", 90), (item.Backend!.Apex, item.Backend.Name, item.Backend.Weight));
        Assert.Equal(1.5m, item.Metrics![0].Value!.Value.Value);
        Assert.Contains("\"value\":\"1500m\"", KubernetesJson.Serialize(list), StringComparison.Ordinal);
    }
}

namespace Smi.Metrics.Tests;

/// <summary>Tests sharing one Prometheus server, run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PrometheusCollection : ICollectionFixture<PrometheusFixture>
{
    public const string Name = "Prometheus";
}

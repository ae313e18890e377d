using Smi.Metrics.Prometheus;

namespace Smi.Controller.Hosting;

/// <summary>
/// Stands in for Prometheus when the TrafficMetrics API has none: discovery is still served (the aggregator needs it),
/// and every query fails as unavailable with the reason, which the API answers as 503.
/// </summary>
/// <param name="reason">Why there is no Prometheus.</param>
internal sealed class UnconfiguredPrometheusClient(string reason) : IPrometheusClient
{
    public Task<IReadOnlyList<PrometheusSample>> QueryAsync(
        string query, DateTimeOffset time, CancellationToken cancellationToken) =>
        Task.FromException<IReadOnlyList<PrometheusSample>>(new PrometheusUnavailableException(reason));
}

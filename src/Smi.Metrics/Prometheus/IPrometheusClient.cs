namespace Smi.Metrics.Prometheus;

/// <summary>Runs PromQL instant queries.</summary>
public interface IPrometheusClient
{
    /// <summary>Evaluates <paramref name="query"/> at <paramref name="time"/> (<c>/api/v1/query</c>).</summary>
    /// <param name="query">A PromQL expression returning an instant vector or a scalar.</param>
    /// <param name="time">The evaluation time.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The samples; a scalar becomes one sample without labels.</returns>
    /// <exception cref="PrometheusUnavailableException">Prometheus could not be reached or kept failing.</exception>
    /// <exception cref="PrometheusQueryException">Prometheus rejected the query.</exception>
    Task<IReadOnlyList<PrometheusSample>> QueryAsync(
        string query, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the server's loaded configuration (<c>GET /api/v1/status/config</c>), from which the scrape interval is
    /// taken. Servers that do not expose it (some Prometheus-compatible stores, proxies that only pass queries) give
    /// <see langword="null"/>; so does this default implementation.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The configuration as YAML text, or <see langword="null"/> when it is not available.</returns>
    /// <exception cref="PrometheusUnavailableException">Prometheus could not be reached or kept failing.</exception>
    Task<string?> ReadConfigurationAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

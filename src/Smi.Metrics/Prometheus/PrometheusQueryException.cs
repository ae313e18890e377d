namespace Smi.Metrics.Prometheus;

/// <summary>
/// Prometheus answered but rejected the query (a <c>bad_data</c> or <c>execution</c> error). Not retried.
/// </summary>
public sealed class PrometheusQueryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PrometheusQueryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Prometheus' error type and message.</param>
    public PrometheusQueryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Prometheus' error type and message.</param>
    /// <param name="innerException">The cause.</param>
    public PrometheusQueryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

namespace Smi.Metrics.Prometheus;

/// <summary>
/// An answer worth retrying (429 or 5xx); becomes a <see cref="PrometheusUnavailableException"/> once retries run out.
/// </summary>
internal sealed class PrometheusTransientException : Exception
{
    public PrometheusTransientException()
    {
    }

    public PrometheusTransientException(string message)
        : base(message)
    {
    }

    public PrometheusTransientException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

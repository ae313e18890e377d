namespace Smi.Metrics.Prometheus;

/// <summary>
/// Prometheus could not answer: nothing listening, a timeout, or repeated 5xx/429 answers after the retries. The API
/// turns it into a 503 whose message is <see cref="Reason"/>.
/// </summary>
public sealed class PrometheusUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PrometheusUnavailableException()
        : this("Prometheus is unavailable")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why Prometheus is unavailable.</param>
    public PrometheusUnavailableException(string reason)
        : base(reason) => Reason = reason;

    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Why Prometheus is unavailable.</param>
    /// <param name="innerException">The last failure.</param>
    public PrometheusUnavailableException(string reason, Exception? innerException)
        : base(reason, innerException) => Reason = reason;

    /// <summary>Why Prometheus is unavailable, for people.</summary>
    public string Reason { get; }
}

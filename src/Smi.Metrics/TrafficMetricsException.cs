namespace Smi.Metrics;

/// <summary>
/// A request the API cannot serve: an unknown resource, a bad parameter, or a resource without edges.
/// </summary>
public sealed class TrafficMetricsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrafficMetricsException()
        : this(500, "InternalError", "internal error")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public TrafficMetricsException(string message)
        : this(500, "InternalError", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TrafficMetricsException(string message, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = 500;
        Reason = "InternalError";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status code to answer with.</param>
    /// <param name="reason">The Kubernetes status reason, such as <c>NotFound</c>.</param>
    /// <param name="message">What went wrong, for people.</param>
    public TrafficMetricsException(int statusCode, string reason, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The Kubernetes status reason.</summary>
    public string Reason { get; }

    /// <summary>A 404 NotFound.</summary>
    /// <param name="message">What was not found.</param>
    /// <returns>The exception.</returns>
    public static TrafficMetricsException NotFound(string message) => new(404, "NotFound", message);

    /// <summary>A 400 BadRequest.</summary>
    /// <param name="message">What is wrong with the request.</param>
    /// <returns>The exception.</returns>
    public static TrafficMetricsException BadRequest(string message) => new(400, "BadRequest", message);
}

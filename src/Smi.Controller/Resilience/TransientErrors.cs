using System.Net;
using k8s.Autorest;
using Polly.Timeout;
using Smi.Controller.Kube;

namespace Smi.Controller.Resilience;

/// <summary>Tells transient API failures (retry) from permanent ones (report, do not retry).</summary>
public static class TransientErrors
{
    /// <summary>
    /// Whether an error is worth retrying: 408, 409, 410, 429 and 5xx answers, connection and stream failures, and request
    /// timeouts. Cancellation by the caller and other 4xx answers are not.
    /// </summary>
    /// <param name="error">The error.</param>
    /// <returns><see langword="true"/> when a retry can succeed.</returns>
    public static bool IsTransient(Exception error) => error switch
    {
        HttpOperationException http => IsTransient(http.Response?.StatusCode),
        TimeoutRejectedException or HttpRequestException or IOException or WatchFailedException or TimeoutException => true,
        OperationCanceledException canceled => canceled.InnerException is TimeoutException,
        _ => false,
    };

    /// <summary>Whether an HTTP status is worth retrying.</summary>
    /// <param name="status">The status code.</param>
    /// <returns><see langword="true"/> for 408, 409, 410, 429 and 5xx.</returns>
    public static bool IsTransient(HttpStatusCode? status) => status is not null && ((int)status.Value is 408 or 409 or 410 or 429 || (int)status.Value >= 500);
}

using System.Net;
using k8s.Autorest;
using Polly.Timeout;
using Smi.Kube.Api;

namespace Smi.Controller.Resilience;

/// <summary>Tells transient API failures (retry) from permanent ones (report, do not retry).</summary>
public static class TransientErrors
{
    /// <summary>
    /// Whether an error is worth retrying: 408, 409, 410, 429 and 5xx answers, connection and stream failures, and
    /// request timeouts. Cancellation by the caller and other 4xx answers are not, nor is the 500 kube-apiserver
    /// answers to a server-side apply with a field the CRD's schema does not declare (<c>field not declared in
    /// schema</c>, kubernetes/kubernetes#122480): it fails the same way until the CRD changes.
    /// </summary>
    /// <param name="error">The error.</param>
    /// <returns><see langword="true"/> when a retry can succeed.</returns>
    public static bool IsTransient(Exception error) => error switch
    {
        HttpOperationException http => IsTransient(http.Response?.StatusCode) && !IsSchemaRejection(http),
        TimeoutRejectedException or HttpRequestException or IOException or WatchFailedException
            or TimeoutException => true,
        OperationCanceledException canceled => canceled.InnerException is TimeoutException,
        _ => false,
    };

    /// <summary>Whether the answer is the apply 500 for a field that the CRD's schema does not declare.</summary>
    /// <param name="error">The error.</param>
    /// <returns><see langword="true"/> for a 500 whose message says <c>field not declared in schema</c>.</returns>
    public static bool IsSchemaRejection(HttpOperationException error) =>
        error?.Response is { StatusCode: HttpStatusCode.InternalServerError } response
        && (response.Content ?? string.Empty).Contains("field not declared in schema", StringComparison.Ordinal);

    /// <summary>Whether an HTTP status is worth retrying.</summary>
    /// <param name="status">The status code.</param>
    /// <returns><see langword="true"/> for 408, 409, 410, 429 and 5xx.</returns>
    public static bool IsTransient(HttpStatusCode? status) =>
        status is not null && ((int)status.Value is 408 or 409 or 410 or 429 || (int)status.Value >= 500);
}

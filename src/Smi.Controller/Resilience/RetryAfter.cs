using System.Globalization;
using k8s.Autorest;

namespace Smi.Controller.Resilience;

/// <summary>
/// The wait an answer asks for: kube-apiserver's API Priority and Fairness rejects with 429 and a <c>Retry-After</c>
/// header in seconds (https://kubernetes.io/docs/concepts/cluster-administration/flow-control/), as do some 503s.
/// </summary>
internal static class RetryAfter
{
    /// <summary>The longest wait honoured, so that a wrong header cannot stall the controller.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(2);

    /// <summary>The <c>Retry-After</c> of an HTTP error answer, or null (then the usual backoff applies).</summary>
    public static TimeSpan? From(Exception? error)
    {
        if (error is not HttpOperationException { Response: { } response }
            || response.Headers is null
            || !response.Headers.TryGetValue("Retry-After", out var values))
        {
            return null;
        }

        var text = values?.FirstOrDefault()?.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            var wait = TimeSpan.FromSeconds(seconds);
            return wait > Longest ? Longest : wait;
        }

        return null;
    }
}

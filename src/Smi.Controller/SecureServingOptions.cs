namespace Smi.Controller;

/// <summary>
/// Bounds and caller checks of the HTTPS server (<c>Controller:SecureServing</c>): what one webhook request may cost
/// and
/// how long authentication and authorization answers of the API server are kept.
/// </summary>
public sealed class SecureServingOptions
{
    /// <summary>
    /// The largest request body, in bytes; a larger one gets 413 as soon as its <c>Content-Length</c> is read (or, when
    /// chunked, as soon as the limit is passed), without the body being buffered. Default 4 MiB: etcd stores objects of
    /// at most 1.5 MiB (its default <c>--max-request-bytes</c>, 1,572,864), an UPDATE's AdmissionReview carries the
    /// object
    /// and the old object (3 MiB), and 1 MiB is left for the review envelope. A ConversionReview of a list carries
    /// every
    /// object of the list in one request; raise the limit where lists of SMI objects in a non-storage version are
    /// larger.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>
    /// How many webhook requests (conversion and admission together) are served at once; more wait in a queue
    /// (<see cref="WebhookQueueLimit"/>). Default 2: one AdmissionReview of the largest size holds about 100 MiB
    /// of live memory while it is decoded and checked, so two (about 200 MiB, measured by the bounds test) stay under
    /// the
    /// Deployment's 512 MiB limit with the host's ~170 MiB at rest. Raise it only with the memory limit.
    /// </summary>
    public int MaxConcurrentWebhookRequests { get; set; } = 2;

    /// <summary>
    /// How many webhook requests wait for a turn; beyond that they get 429, and a request still waiting at
    /// <see cref="WebhookRequestTimeout"/> gets 408. A waiting request's body is not read, so waiting costs little.
    /// Default 64.
    /// </summary>
    public int WebhookQueueLimit { get; set; } = 64;

    /// <summary>
    /// How long a webhook request may take to arrive and be answered; a slower one gets 408. Default 10 seconds: the
    /// admission webhook is called with <c>timeoutSeconds: 5</c> and conversion with 30 seconds, and a body of 4 MiB
    /// arrives in far less over the cluster network.
    /// </summary>
    public TimeSpan WebhookRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long headers may take to arrive on any request before the connection is closed. Default 10
    /// seconds.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a TokenReview or SubjectAccessReview answer is kept. Default 10 seconds, as k8s.io/apiserver's
    /// delegated authentication and authorization caches; zero keeps none.
    /// </summary>
    public TimeSpan ReviewCacheTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often <c>kube-system/extension-apiserver-authentication</c> is read again, so that a rotated front-proxy CA
    /// (or changed allowed names and headers) is used without a restart: certificates of a CA the cluster no longer
    /// publishes are refused from the next read on. Default 30 seconds; zero reads it only at start.
    /// </summary>
    public TimeSpan RequestHeaderRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}

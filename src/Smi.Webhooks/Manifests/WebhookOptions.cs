namespace Smi.Webhooks.Manifests;

/// <summary>Where the webhooks are served and how the API server calls them.</summary>
public sealed class WebhookOptions
{
    /// <summary>The namespace of the webhook Service. Default <c>smi-system</c>.</summary>
    public string Namespace { get; set; } = "smi-system";

    /// <summary>The name of the webhook Service. Default <c>smi-webhooks</c>.</summary>
    public string ServiceName { get; set; } = "smi-webhooks";

    /// <summary>The Service port the API server calls. Default 443.</summary>
    public int Port { get; set; } = 443;

    /// <summary>The name of the ValidatingWebhookConfiguration. Default <c>smi-adapter-validation</c>.</summary>
    public string ValidatingWebhookConfigurationName { get; set; } = "smi-adapter-validation";

    /// <summary>
    /// The PEM CA bundle that verifies the serving certificate, when known at install time. <see langword="null"/>
    /// leaves <c>caBundle</c> out, for the host's <see cref="Tls.CaBundleWriter"/> or cert-manager's CA injector to
    /// fill in.
    /// </summary>
    public string? CaBundlePem { get; set; }

    /// <summary>
    /// The cert-manager Certificate (<c>namespace/name</c>) whose CA cert-manager's CA injector writes into the CRDs
    /// and the webhook configuration (annotation <c>cert-manager.io/inject-ca-from</c>); <see langword="null"/> for
    /// none.
    /// </summary>
    public string? CertManagerCertificate { get; set; }

    /// <summary>
    /// What the API server does when the admission webhook cannot be reached or answers too late. Default
    /// <c>Ignore</c>: see <see cref="WebhookManifests.ValidatingWebhookConfiguration(WebhookOptions)"/>.
    /// </summary>
    public string FailurePolicy { get; set; } = "Ignore";

    /// <summary>How long the API server waits for the admission webhook, 1 to 30 seconds. Default 5.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The APIServices this host serves (the TrafficMetrics API) whose <c>caBundle</c> a generated certificate's CA is
    /// written into. Default <c>v1alpha1.metrics.smi-spec.io</c> and <c>v1alpha2.metrics.smi-spec.io</c>; empty when
    /// another installation serves the metrics API.
    /// </summary>
    public IList<string> ApiServiceNames { get; set; } =
        ["v1alpha1.metrics.smi-spec.io", "v1alpha2.metrics.smi-spec.io"];

    /// <summary>
    /// Whether this host owns the SMI CRDs' conversion webhook. The CRDs are cluster-wide and shared by the
    /// controllers of every mesh, so only one of them can own conversion: its install emits the CRDs with their
    /// <c>spec.conversion.webhook.clientConfig</c> calling its Service, and it writes its CA bundle there. When off,
    /// the CRDs belong to another installation and <see cref="Tls.CaBundleWriter"/> neither reads nor writes them (the
    /// controller still reads their served versions). Default on.
    /// </summary>
    public bool OwnsCrdConversion { get; set; } = true;

    /// <summary>
    /// The DNS name the serving certificate must carry: <c>&lt;service&gt;.&lt;namespace&gt;.svc</c>.
    /// </summary>
    public string ServiceDnsName => $"{ServiceName}.{Namespace}.svc";
}

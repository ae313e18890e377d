namespace Smi.Controller;

/// <summary>Where the HTTPS server finds its certificate (<c>Controller:Tls</c>).</summary>
public sealed class ControllerTlsOptions
{
    /// <summary>
    /// The folder of a mounted <c>kubernetes.io/tls</c> Secret (<c>tls.crt</c>, <c>tls.key</c>, optionally
    /// <c>ca.crt</c>, as cert-manager writes it). When it holds no certificate, a self-signed CA and a serving
    /// certificate are generated at start and the CA bundle is written into the SMI CRDs and the
    /// ValidatingWebhookConfiguration. Default <c>/etc/smi-adapter/tls</c>.
    /// </summary>
    public string? CertificateDirectory { get; set; } = "/etc/smi-adapter/tls";
}

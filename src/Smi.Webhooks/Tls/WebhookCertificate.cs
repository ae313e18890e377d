using System.Security.Cryptography.X509Certificates;

namespace Smi.Webhooks.Tls;

/// <summary>The certificate the host serves HTTPS with, and the CA bundle that verifies it.</summary>
/// <param name="Certificate">The serving certificate with its private key.</param>
/// <param name="CaBundlePem">PEM certificates that verify <paramref name="Certificate"/>; goes into
/// <c>caBundle</c>.</param>
/// <param name="SelfSigned">Whether it was generated at start (the host then writes the CA bundle itself).</param>
public sealed record WebhookCertificate(X509Certificate2 Certificate, string CaBundlePem, bool SelfSigned);

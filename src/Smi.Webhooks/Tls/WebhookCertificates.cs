using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Smi.Webhooks.Tls;

/// <summary>
/// The serving certificate of the webhooks: loaded from a mounted folder (a <c>kubernetes.io/tls</c> Secret as
/// cert-manager writes it: <c>tls.crt</c>, <c>tls.key</c>, optionally <c>ca.crt</c>) or, when none is mounted,
/// generated at start: a self-signed CA and a certificate for <c>&lt;service&gt;.&lt;namespace&gt;.svc</c> signed by
/// it.
/// </summary>
public static class WebhookCertificates
{
    /// <summary>The validity of generated certificates. One year; a restart makes new ones.</summary>
    public static TimeSpan GeneratedValidity { get; } = TimeSpan.FromDays(365);

    /// <summary>Loads the mounted certificate, or generates one when the folder has none.</summary>
    /// <param name="directory">The mounted folder; <see langword="null"/> to always generate.</param>
    /// <param name="dnsNames">The names the generated certificate covers, first
    /// <c>&lt;service&gt;.&lt;namespace&gt;.svc</c>.</param>
    /// <param name="time">The clock; default the system clock.</param>
    /// <returns>The certificate and its CA bundle.</returns>
    public static WebhookCertificate LoadOrCreate(
        string? directory, IReadOnlyList<string> dnsNames, TimeProvider? time = null) =>
        (directory is null ? null : LoadMounted(directory)) ?? CreateSelfSigned(dnsNames, time);

    /// <summary>Loads <c>tls.crt</c> and <c>tls.key</c> (PEM) from a folder.</summary>
    /// <param name="directory">The folder.</param>
    /// <returns>
    /// The certificate; its CA bundle is <c>ca.crt</c> when present, else the chain in <c>tls.crt</c>.
    /// <see langword="null"/> when the folder has no <c>tls.crt</c> and <c>tls.key</c>.
    /// </returns>
    public static WebhookCertificate? LoadMounted(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var certPath = Path.Combine(directory, "tls.crt");
        var keyPath = Path.Combine(directory, "tls.key");
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            return null;
        }

        using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        var certificate = Reimport(pem);
        var caPath = Path.Combine(directory, "ca.crt");
        var bundle = File.Exists(caPath) ? File.ReadAllText(caPath) : File.ReadAllText(certPath);
        return new WebhookCertificate(certificate, bundle, SelfSigned: false);
    }

    /// <summary>Generates a self-signed CA (ECDSA P-256) and a serving certificate signed by it.</summary>
    /// <param name="dnsNames">The DNS names (or IP addresses) of the serving certificate; the first is its
    /// subject.</param>
    /// <param name="time">The clock; default the system clock.</param>
    /// <returns>The serving certificate; the CA bundle is the CA certificate in PEM.</returns>
    public static WebhookCertificate CreateSelfSigned(IReadOnlyList<string> dnsNames, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(dnsNames);
        if (dnsNames.Count == 0)
        {
            throw new ArgumentException(
                "at least one DNS name is needed, such as smi-webhooks.smi-system.svc", nameof(dnsNames));
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var notBefore = now.AddMinutes(-5);
        var notAfter = now.Add(GeneratedValidity);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest(
            $"CN=smi-adapter webhook CA {now:yyyyMMddHHmmss}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(
            new X509BasicConstraintsExtension(
                certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(
            new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter.AddDays(1));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsNames[0]}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(
            new X509BasicConstraintsExtension(
                certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(
            new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
                ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        using var signed = request.Create(ca, notBefore, notAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return new WebhookCertificate(Reimport(withKey), ca.ExportCertificatePem(), SelfSigned: true);
    }

    /// <summary>Whether a CA bundle verifies a certificate for a host name, as the API server checks it.</summary>
    /// <param name="caBundlePem">PEM CA certificates.</param>
    /// <param name="certificate">The served certificate.</param>
    /// <param name="hostName">The name the API server calls, for example <c>smi-webhooks.smi-system.svc</c>.</param>
    /// <returns><see langword="true"/> when the chain ends at one of the bundle's certificates and the name
    /// matches.</returns>
    public static bool Verifies(string caBundlePem, X509Certificate2 certificate, string hostName)
    {
        ArgumentNullException.ThrowIfNull(caBundlePem);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(hostName);
        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(caBundlePem);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        try
        {
            return chain.Build(certificate) && certificate.MatchesHostname(hostName);
        }
        finally
        {
            foreach (var root in roots)
            {
                root.Dispose();
            }
        }
    }

    /// <summary>Round-trips through PKCS#12 so the key is usable by TLS on every platform.</summary>
    private static X509Certificate2 Reimport(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
}

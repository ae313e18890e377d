using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// The front proxy's credentials of a <see cref="LoopbackApiServer"/>, as kube-apiserver's
/// <c>--requestheader-client-ca-file</c>, <c>--proxy-client-cert-file</c> and <c>--requestheader-*</c> flags set them:
/// a CA, a client certificate it signed for <see cref="ClientName"/>, and the user headers. The server publishes them
/// in <c>kube-system/extension-apiserver-authentication</c> and presents the certificate when it proxies to an
/// APIService.
/// </summary>
public sealed class FrontProxyCredentials : IDisposable
{
    /// <summary>The common name of the front-proxy client certificate, as kubeadm names it.</summary>
    public const string ClientName = "front-proxy-client";

    private FrontProxyCredentials(X509Certificate2 ca, X509Certificate2 client)
    {
        Ca = ca;
        ClientCertificate = client;
    }

    /// <summary>The CA certificate (no private key).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The client certificate with its private key.</summary>
    public X509Certificate2 ClientCertificate { get; }

    /// <summary>The CA in PEM.</summary>
    public string CaPem => Ca.ExportCertificatePem();

    /// <summary>
    /// Generates a CA and a client certificate signed by it (ECDSA P-256, valid for a day, <c>clientAuth</c> usage).
    /// </summary>
    /// <param name="commonName">The client certificate's common name.</param>
    /// <param name="caName">The CA's common name.</param>
    /// <returns>The credentials.</returns>
    public static FrontProxyCredentials Create(string commonName = ClientName, string caName = "front-proxy-ca")
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var caWithKey = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest($"CN={commonName}", clientKey, HashAlgorithmName.SHA256);
        clientRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        clientRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var clientAuth = new Oid("1.3.6.1.5.5.7.3.2");
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([clientAuth], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var signed = clientRequest.Create(caWithKey, now.AddMinutes(-5), now.AddDays(1), serial);
        using var withKey = signed.CopyWithPrivateKey(clientKey);

        // Re-imported so that the key is usable for TLS on every platform.
        var client = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
        return new FrontProxyCredentials(ca, client);
    }

    /// <summary>
    /// The <c>kube-system/extension-apiserver-authentication</c> ConfigMap kube-apiserver publishes: the
    /// request-header CA,
    /// allowed names (<see cref="ClientName"/>) and the <c>X-Remote-User</c>, <c>X-Remote-Group</c> and
    /// <c>X-Remote-Extra-</c> headers.
    /// </summary>
    /// <returns>The ConfigMap.</returns>
    public JsonObject ConfigMap() => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = "extension-apiserver-authentication",
            ["namespace"] = "kube-system",
        },
        ["data"] = new JsonObject
        {
            ["requestheader-client-ca-file"] = CaPem,
            ["requestheader-allowed-names"] = JsonSerializer.Serialize(new[] { ClientName }),
            ["requestheader-username-headers"] = JsonSerializer.Serialize(new[] { "X-Remote-User" }),
            ["requestheader-group-headers"] = JsonSerializer.Serialize(new[] { "X-Remote-Group" }),
            ["requestheader-extra-headers-prefix"] = JsonSerializer.Serialize(new[] { "X-Remote-Extra-" }),
        },
    };

    /// <inheritdoc/>
    public void Dispose()
    {
        Ca.Dispose();
        ClientCertificate.Dispose();
    }
}

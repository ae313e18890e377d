using System.Security.Cryptography.X509Certificates;
using Smi.Webhooks.Tls;

namespace Smi.Webhooks.Tests;

public sealed class WebhookCertificatesTests
{
    [Fact]
    public void Generated_Certificate_Is_For_The_Service_And_Verified_By_Its_Ca()
    {
        var generated = WebhookCertificates.CreateSelfSigned(["smi-webhooks.smi-system.svc", "smi-webhooks.smi-system.svc.cluster.local"]);
        using var certificate = generated.Certificate;
        Assert.True(generated.SelfSigned);
        Assert.True(certificate.HasPrivateKey);
        Assert.True(certificate.MatchesHostname("smi-webhooks.smi-system.svc"));
        Assert.True(certificate.MatchesHostname("smi-webhooks.smi-system.svc.cluster.local"));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", generated.CaBundlePem, StringComparison.Ordinal);
        Assert.True(WebhookCertificates.Verifies(generated.CaBundlePem, certificate, "smi-webhooks.smi-system.svc"));
    }

    [Fact]
    public void Mounted_Certificate_Is_Preferred_And_Its_Ca_Is_The_Bundle()
    {
        var directory = Directory.CreateTempSubdirectory("smi-tls-");
        try
        {
            Assert.Null(WebhookCertificates.LoadMounted(directory.FullName));
            var issued = WebhookCertificates.CreateSelfSigned(["smi-webhooks.smi-system.svc"]);
            File.WriteAllText(Path.Combine(directory.FullName, "tls.crt"), issued.Certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(directory.FullName, "tls.key"), issued.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(Path.Combine(directory.FullName, "ca.crt"), issued.CaBundlePem);

            var loaded = WebhookCertificates.LoadOrCreate(directory.FullName, ["ignored.svc"]);
            Assert.False(loaded.SelfSigned);
            Assert.True(loaded.Certificate.HasPrivateKey);
            Assert.Equal(issued.Certificate.Thumbprint, loaded.Certificate.Thumbprint);
            Assert.Equal(issued.CaBundlePem, loaded.CaBundlePem);
            Assert.True(WebhookCertificates.Verifies(loaded.CaBundlePem, loaded.Certificate, "smi-webhooks.smi-system.svc"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_A_Mount_A_Certificate_Is_Generated() =>
        Assert.True(WebhookCertificates.LoadOrCreate("/nonexistent-folder", ["a.b.svc"]).SelfSigned);

    [Fact]
    public void An_Ip_Address_Becomes_An_Ip_San()
    {
        using var certificate = WebhookCertificates.CreateSelfSigned(["a.b.svc", "127.0.0.1"]).Certificate;
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(san.EnumerateIPAddresses(), ip => ip.ToString() == "127.0.0.1");
    }
}

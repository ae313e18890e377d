using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Smi.Testing.ApiServer;

/// <summary>How kube-apiserver checks the certificate of a webhook or an APIService it calls.</summary>
internal static class ServingCertificateCheck
{
    /// <summary>
    /// The served certificate chains to the PEM <paramref name="caBundle"/> (or, without one, to the system roots) and
    /// carries <paramref name="host"/>.
    /// </summary>
    public static bool Verifies(string? caBundle, string host, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        if (caBundle is null)
        {
            return errors == SslPolicyErrors.None;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPem(caBundle);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        var served = certificate as X509Certificate2
            ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var trusted = chain.Build(served) && served.MatchesHostname(host);
        foreach (var root in roots)
        {
            root.Dispose();
        }

        return trusted;
    }
}

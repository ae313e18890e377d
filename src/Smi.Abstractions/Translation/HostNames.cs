namespace Smi.Abstractions.Translation;

/// <summary>Kubernetes service host names.</summary>
public static class HostNames
{
    /// <summary>
    /// The fully qualified name of a Service: <c>&lt;name&gt;.&lt;namespace&gt;.svc.&lt;clusterDomain&gt;</c>.
    /// </summary>
    /// <param name="service">The Service name.</param>
    /// <param name="ns">The namespace.</param>
    /// <param name="clusterDomain">The cluster domain, for example <c>cluster.local</c>.</param>
    /// <returns>The host name.</returns>
    public static string ServiceFqdn(string service, string ns, string clusterDomain) =>
        $"{service}.{ns}.svc.{clusterDomain}";
}

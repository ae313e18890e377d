namespace Smi.Cli.Install;

/// <summary>What <c>smi install</c> is asked to produce.</summary>
internal sealed record InstallSettings
{
    public required string Mesh { get; init; }

    public string Namespace { get; init; } = "smi-system";

    public string Image { get; init; } = ToolVersion.DefaultImage;

    public int Replicas { get; init; } = 1;

    public bool DefaultDeny { get; init; }

    public string? CertManagerCertificate { get; init; }

    public string? PrometheusUrl { get; init; }

    /// <summary>
    /// Whether this installation serves the TrafficMetrics API (its APIServices). An APIService name is cluster-wide,
    /// so only one mesh's controller can serve a group version: turn it off for a second mesh.
    /// </summary>
    public bool MetricsApi { get; init; } = true;

    /// <summary>
    /// Whether this installation owns the SMI CRDs' conversion: it emits the CRDs, whose conversion webhook calls this
    /// controller's Service, and the controller writes its CA bundle into them. The CRDs are cluster-wide and shared
    /// by every mesh's controller, so only one can own conversion: turn it off for a second mesh, whose install then
    /// emits no CRDs and whose controller never writes them.
    /// </summary>
    public bool CrdConversion { get; init; } = true;

    /// <summary>
    /// The cert-manager issuer of the serving certificate: an Issuer name in the namespace, or
    /// <c>ClusterIssuer/name</c>;
    /// <see langword="null"/> emits a self-signed Issuer. Used only with <see cref="CertManagerCertificate"/>.
    /// </summary>
    public string? CertManagerIssuer { get; init; }

    /// <summary>The namespace whose Prometheus scrapes the controller's metrics port. Default
    /// <c>monitoring</c>.</summary>
    public string MetricsScraperNamespace { get; init; } = "monitoring";

    /// <summary>
    /// The namespaces the controller watches; empty watches all. When set, the controller gets a Role and RoleBinding
    /// in each of them instead of cluster-wide grants, and only what cannot be granted per namespace stays in its
    /// ClusterRole.
    /// </summary>
    public IReadOnlyList<string> Namespaces { get; init; } = [];

    /// <summary>
    /// For gateway-api: the mesh whose authorization resources TrafficTargets become (istio or linkerd).
    /// </summary>
    public string? AccessControl { get; init; }
}

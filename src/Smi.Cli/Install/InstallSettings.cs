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

    /// <summary>For gateway-api: the mesh whose authorization resources TrafficTargets become (istio or linkerd).</summary>
    public string? AccessControl { get; init; }
}

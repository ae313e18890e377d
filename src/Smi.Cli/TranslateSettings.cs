using Smi.Adapters.Consul;
using Smi.Adapters.GatewayApi;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;

namespace Smi.Cli;

/// <summary>The translation settings given on the command line.</summary>
internal sealed record TranslateSettings
{
    public string ClusterDomain { get; init; } = "cluster.local";

    public string TrustDomain { get; init; } = "cluster.local";

    public bool DefaultDeny { get; init; }

    public ConsulNamespaces ConsulNamespaces { get; init; } = ConsulNamespaces.None;

    public string ConsulDefaultDenyNamespace { get; init; } = "default";

    public LinkerdRouteApi LinkerdRouteApi { get; init; } = LinkerdRouteApi.GatewayApiV1;

    public bool LinkerdServiceProfile { get; init; }

    public IstioApiVersion IstioApiVersion { get; init; } = IstioApiVersion.V1;

    public GatewayApiVersion GatewayApiVersion { get; init; } = GatewayApiVersion.V1_2;

    public bool GatewayApiTcpRoutes { get; init; }

    public GatewayApiAccessControl GatewayApiAccessControl { get; init; } = GatewayApiAccessControl.None;
}

namespace Smi.Adapters.GatewayApi;

/// <summary>Settings of the Gateway API translator; the shared ones are in <c>TranslationOptions</c>.</summary>
public sealed class GatewayApiOptions
{
    /// <summary>The Gateway API release to target. Default <see cref="GatewayApiVersion.V1_2"/>.</summary>
    public GatewayApiVersion Version { get; set; } = GatewayApiVersion.V1_2;

    /// <summary>
    /// Whether splits of opaque TCP root ports become TCPRoutes (<c>v1alpha2</c>, experimental channel, before 1.6;
    /// <c>v1</c>, standard channel, from 1.6). Without it those ports are reported and left unsplit. Default
    /// <see langword="false"/>.
    /// </summary>
    public bool TcpRoutes { get; set; }

    /// <summary>
    /// The mesh adapter TrafficTargets are delegated to. Default <see cref="GatewayApiAccessControl.None"/>.
    /// </summary>
    public GatewayApiAccessControl AccessControl { get; set; } = GatewayApiAccessControl.None;
}

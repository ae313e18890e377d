namespace Smi.Adapters.Linkerd;

/// <summary>Settings of the Linkerd translator; the shared ones are in <c>TranslationOptions</c>.</summary>
public sealed class LinkerdOptions
{
    /// <summary>The API of the generated HTTPRoutes. Default <see cref="LinkerdRouteApi.GatewayApiV1"/>.</summary>
    public LinkerdRouteApi RouteApi { get; set; } = LinkerdRouteApi.GatewayApiV1;

    /// <summary>
    /// Whether TrafficSplits become ServiceProfile <c>dstOverrides</c> (for clusters that still rely on them) instead
    /// of HTTPRoutes. A/B splits cannot be expressed that way; their HTTPRouteGroups become ServiceProfile routes for
    /// metrics only. Default <see langword="false"/>.
    /// </summary>
    public bool ServiceProfile { get; set; }
}

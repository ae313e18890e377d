using Smi.Adapters.GatewayApi.Routes;

namespace Smi.Adapters.Linkerd;

/// <summary>Maps the <see cref="LinkerdOptions.RouteApi"/> option to the route API version it writes.</summary>
internal static class LinkerdRouteApis
{
    /// <summary>The version an option names.</summary>
    /// <param name="api">The option value.</param>
    /// <returns>The version.</returns>
    public static RouteApiVersion For(LinkerdRouteApi api) =>
        api == LinkerdRouteApi.PolicyV1Beta3 ? RouteApiVersion.PolicyV1Beta3 : RouteApiVersion.GatewayV1;
}

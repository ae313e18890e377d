namespace Smi.Adapters.GatewayApi.Routes;

/// <summary>An HTTPRoute API version and the limits its CRD sets.</summary>
/// <param name="ApiVersion">The apiVersion to write.</param>
/// <param name="Group">The API group, for references to the route.</param>
/// <param name="MaxMatchesPerRule">The CRD's <c>maxItems</c> of <c>rules[].matches</c>.</param>
/// <param name="MaxMatchesPerRoute">The CRD's limit on matches across all rules.</param>
internal sealed record RouteApiVersion(string ApiVersion, string Group, int MaxMatchesPerRule, int MaxMatchesPerRoute)
{
    /// <summary>The CRD's <c>maxItems</c> of <c>rules</c>, the same in both APIs.</summary>
    public const int MaxRules = 16;

    /// <summary>
    /// The CRD's <c>maxItems</c> of <c>rules[].backendRefs</c>, the same in every Gateway API version.
    /// </summary>
    public const int MaxBackendsPerRule = 16;

    /// <summary>Gateway API <c>gateway.networking.k8s.io/v1</c> (1.2.1 to 1.6.1 share these limits).</summary>
    public static RouteApiVersion GatewayV1 { get; } = new(
        "gateway.networking.k8s.io/v1", "gateway.networking.k8s.io", 64, 128);

    /// <summary>
    /// Linkerd's own HTTPRoute, <c>policy.linkerd.io/v1beta3</c>, which has the Gateway API shape with lower limits.
    /// </summary>
    public static RouteApiVersion PolicyV1Beta3 { get; } = new(
        "policy.linkerd.io/v1beta3", "policy.linkerd.io", 8, 128);
}

namespace Smi.Adapters.Linkerd;

/// <summary>The API the generated HTTPRoutes use.</summary>
public enum LinkerdRouteApi
{
    /// <summary>
    /// <c>gateway.networking.k8s.io/v1</c>, limited to the fields of Gateway API 1.2.1 (Linkerd ignores routes that use
    /// newer fields). Needs the Gateway API CRDs in the cluster.
    /// </summary>
    GatewayApiV1 = 0,

    /// <summary><c>policy.linkerd.io/v1beta3</c>, which Linkerd always installs.</summary>
    PolicyV1Beta3 = 1,
}

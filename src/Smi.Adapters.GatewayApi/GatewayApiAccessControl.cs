namespace Smi.Adapters.GatewayApi;

/// <summary>
/// Which mesh's authorization resources stand in for TrafficTargets, which Gateway API cannot express.
/// </summary>
public enum GatewayApiAccessControl
{
    /// <summary>TrafficTargets are not translated; each gets an error diagnostic.</summary>
    None = 0,

    /// <summary>The Istio adapter's AuthorizationPolicies (and default-deny policies when enabled).</summary>
    Istio = 1,

    /// <summary>
    /// The Linkerd adapter's Servers, AuthorizationPolicies, MeshTLSAuthentications and Server HTTPRoutes.
    /// </summary>
    Linkerd = 2,
}

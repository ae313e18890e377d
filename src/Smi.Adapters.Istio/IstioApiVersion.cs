namespace Smi.Adapters.Istio;

/// <summary>The API version the generated Istio objects are written in.</summary>
public enum IstioApiVersion
{
    /// <summary><c>networking.istio.io/v1</c> and <c>security.istio.io/v1</c>, served from Istio 1.22 on.</summary>
    V1 = 0,

    /// <summary>
    /// <c>networking.istio.io/v1beta1</c> and <c>security.istio.io/v1beta1</c>, for older Istio releases.
    /// </summary>
    V1Beta1 = 1,
}

using System.Diagnostics.CodeAnalysis;

namespace Smi.Adapters.GatewayApi;

/// <summary>
/// The Gateway API release the generated routes target; only fields and API versions of that release are written.
/// </summary>
[SuppressMessage(
    "Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "The names mirror the release numbers.")]
public enum GatewayApiVersion
{
    /// <summary>
    /// Gateway API 1.2 (what Linkerd 2.20 recommends): HTTPRoute <c>v1</c> without rule names; TCPRoute
    /// <c>v1alpha2</c> from the experimental channel.
    /// </summary>
    V1_2 = 0,

    /// <summary>
    /// Gateway API 1.5: HTTPRoute <c>v1</c> with rule names; TCPRoute <c>v1alpha2</c> from the experimental channel.
    /// </summary>
    V1_5 = 1,

    /// <summary>
    /// Gateway API 1.6: HTTPRoute <c>v1</c> with rule names; TCPRoute <c>v1</c> from the standard channel.
    /// </summary>
    V1_6 = 2,
}

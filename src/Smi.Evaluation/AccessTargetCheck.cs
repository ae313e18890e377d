using Smi.Abstractions.Model;

namespace Smi.Evaluation;

/// <summary>
/// How one TrafficTarget whose destination and one of whose sources stand for the two pods of a request judges it.
/// </summary>
/// <param name="Grant">The TrafficTarget.</param>
/// <param name="Allowed">Whether its rules allow the request.</param>
/// <param name="Rule">
/// When allowed, the rules that let it through (<c>HTTPRouteGroup api-routes match api, TCPRoute api-port</c>);
/// otherwise why none did (<c>HTTPRouteGroup api-routes match api: method GET is not one of POST</c>).
/// </param>
public sealed record AccessTargetCheck(AccessGrant Grant, bool Allowed, string Rule)
{
    /// <summary>The TrafficTarget as <c>TrafficTarget namespace/name</c>.</summary>
    public string Name => $"TrafficTarget {Grant.Namespace}/{Grant.Source.Name}";
}

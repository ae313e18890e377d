namespace Smi.Adapters.Istio;

/// <summary>
/// The stable reason codes of the Istio translator's own diagnostics; the codes every mesh shares are in
/// <see cref="Smi.Abstractions.Diagnostics.SmiReasons"/>.
/// </summary>
internal static class IstioReasons
{
    /// <summary>
    /// A match tests one header twice (header names are case-insensitive), which Istio cannot express.
    /// </summary>
    public const string HeaderNameCollision = "HeaderNameCollision";

    /// <summary>No port of the root Service can be routed by Istio, so no VirtualService is generated.</summary>
    public const string NothingToRoute = "NothingToRoute";

    /// <summary>The HTTPRouteGroups of an A/B TrafficSplit have no matches, so no request is split.</summary>
    public const string NoMatchesToRoute = "NoMatchesToRoute";

    /// <summary>A match's pathRegex has no exact AuthorizationPolicy path form; the match is not allowed.</summary>
    public const string UnsupportedPathRegex = "UnsupportedPathRegex";

    /// <summary>A match's header regex has no exact AuthorizationPolicy form; the match is not allowed.</summary>
    public const string UnsupportedHeaderRegex = "UnsupportedHeaderRegex";

    /// <summary>An IdentityBinding's SPIFFE identity is not a <c>spiffe://trustDomain/path</c> ID.</summary>
    public const string UnsupportedSpiffeIdentity = "UnsupportedSpiffeIdentity";

    /// <summary>A TrafficTarget's destination port is not among the TCPRoute ports of its rules.</summary>
    public const string NoCommonPort = "NoCommonPort";

    /// <summary>Nothing a destination's TrafficTargets allow could be expressed; its policy allows nothing.</summary>
    public const string PolicyAllowsNothing = "PolicyAllowsNothing";
}

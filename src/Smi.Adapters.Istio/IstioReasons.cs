namespace Smi.Adapters.Istio;

/// <summary>
/// The stable reason codes of the Istio translator's own diagnostics; the codes every mesh shares are in
/// <see cref="Smi.Abstractions.Diagnostics.SmiReasons"/>.
/// </summary>
internal static class IstioReasons
{
    /// <summary>
    /// Several TrafficSplits without matches split all traffic of one root differently; Istio allows one
    /// VirtualService per host, so only the first is used. (Other meshes report this as <c>ConflictingSplits</c>.)
    /// </summary>
    public const string SplitConflict = "SplitConflict";

    /// <summary>A root Service port is UDP or SCTP, which Istio sidecars do not proxy; it is not split.</summary>
    public const string UdpPortNotSplit = "UdpPortNotSplit";

    /// <summary>An A/B TrafficSplit on a root whose every port is opaque TCP, where Istio cannot match HTTP.</summary>
    public const string MatchesOnOpaquePorts = "MatchesOnOpaquePorts";

    /// <summary>
    /// A match tests one header twice (header names are case-insensitive), which Istio cannot express.
    /// </summary>
    public const string HeaderNameCollision = "HeaderNameCollision";

    /// <summary>No port of the root Service can be routed by Istio, so no VirtualService is generated.</summary>
    public const string NothingToRoute = "NothingToRoute";

    /// <summary>The HTTPRouteGroups of an A/B TrafficSplit have no matches, so no request is split.</summary>
    public const string NoMatchesToRoute = "NoMatchesToRoute";

    /// <summary>
    /// The pod labels shared by the destination's workloads also select workloads of other identities, so no
    /// AuthorizationPolicy selector covers the destination alone.
    /// </summary>
    public const string AmbiguousWorkloadSelector = "AmbiguousWorkloadSelector";

    /// <summary>A match's pathRegex has no exact AuthorizationPolicy path form; the match is not allowed.</summary>
    public const string UnsupportedPathRegex = "UnsupportedPathRegex";

    /// <summary>A match's header regex has no exact AuthorizationPolicy form; the match is not allowed.</summary>
    public const string UnsupportedHeaderRegex = "UnsupportedHeaderRegex";

    /// <summary>
    /// A UDPRoute rule: Istio sidecars do not proxy UDP and AuthorizationPolicy cannot restrict it. (Other meshes
    /// report this as <c>UdpRouteUnsupported</c>.)
    /// </summary>
    public const string UdpRouteNotSupported = "UdpRouteNotSupported";

    /// <summary>A source identity stands for no service account or SPIFFE identity, so it is not allowed.</summary>
    public const string SourceMatchesNoIdentity = "SourceMatchesNoIdentity";

    /// <summary>An IdentityBinding's SPIFFE identity is not a <c>spiffe://trustDomain/path</c> ID.</summary>
    public const string UnsupportedSpiffeIdentity = "UnsupportedSpiffeIdentity";

    /// <summary>A TrafficTarget's destination port is not among the TCPRoute ports of its rules.</summary>
    public const string NoCommonPort = "NoCommonPort";

    /// <summary>Nothing a destination's TrafficTargets allow could be expressed; its policy allows nothing.</summary>
    public const string PolicyAllowsNothing = "PolicyAllowsNothing";

    /// <summary>
    /// Default deny is off, so workloads without a generated AuthorizationPolicy still accept everything that SMI
    /// would deny.
    /// </summary>
    public const string DefaultDenyDisabled = "DefaultDenyDisabled";
}

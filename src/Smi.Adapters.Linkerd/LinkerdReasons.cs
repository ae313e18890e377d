using Smi.Adapters.GatewayApi.Routes;

namespace Smi.Adapters.Linkerd;

/// <summary>The stable reason codes of the Linkerd translator's diagnostics.</summary>
internal static class LinkerdReasons
{
    /// <summary>The root Service of a TrafficSplit is not in the input, so its ports are unknown.</summary>
    public const string RootServiceNotFound = RouteReasons.RootServiceNotFound;

    /// <summary>The root Service is headless; Linkerd routes by cluster IP, so neither HTTPRoutes nor ServiceProfiles apply.</summary>
    public const string HeadlessRootService = RouteReasons.HeadlessRootService;

    /// <summary>A root Service port is not TCP; the Linkerd proxy handles TCP only.</summary>
    public const string NonTcpRootPort = "NonTcpRootPort";

    /// <summary>
    /// An A/B split on an opaque TCP root port, where HTTP matches cannot apply; it is not translated there.
    /// </summary>
    public const string MatchesOnTcpPort = "MatchesOnTcpPort";

    /// <summary>Several TrafficSplits without matches share a root; only the first is translated.</summary>
    public const string ConflictingSplits = RouteReasons.ConflictingSplits;

    /// <summary>A backend Service lacks a port of the root Service; it is left out of that port's route.</summary>
    public const string BackendPortMissing = "BackendPortMissing";

    /// <summary>No backend with a positive weight is left for a root port; the split is not applied there.</summary>
    public const string NoBackendForPort = "NoBackendForPort";

    /// <summary>Weights were scaled down to fit the 1,000,000 limit of backendRefs.</summary>
    public const string WeightsScaled = "WeightsScaled";

    /// <summary>A positive weight became zero after scaling or rounding.</summary>
    public const string WeightRoundedToZero = "WeightRoundedToZero";

    /// <summary>An HTTPRouteGroup match cannot be written as an HTTPRoute match.</summary>
    public const string UnsupportedMatch = "UnsupportedMatch";

    /// <summary>A route would exceed the rule or match limits of the HTTPRoute CRD.</summary>
    public const string TooManyMatches = "TooManyMatches";

    /// <summary>An A/B TrafficSplit cannot become ServiceProfile dstOverrides, which apply to every request.</summary>
    public const string ServiceProfileCannotMatch = "ServiceProfileCannotMatch";

    /// <summary>A ServiceProfile route condition cannot test headers; the route is wider than the match.</summary>
    public const string ServiceProfileHeadersIgnored = "ServiceProfileHeadersIgnored";

    /// <summary>No workload runs as the destination identity, so no podSelector can be built.</summary>
    public const string DestinationWorkloadsNotFound = "DestinationWorkloadsNotFound";

    /// <summary>No label set selects the destination's pods and no others.</summary>
    public const string DestinationSelectorNotExclusive = "DestinationSelectorNotExclusive";

    /// <summary>Two destinations cover the same workload; their Servers would select the same pod and port.</summary>
    public const string OverlappingDestinations = "OverlappingDestinations";

    /// <summary>The rules cover every port, but the destination's workloads declare no TCP container port.</summary>
    public const string DestinationPortsUnknown = "DestinationPortsUnknown";

    /// <summary>A TCPRoute rule names no container port of the destination (missing route, unresolved port).</summary>
    public const string RuleResolvesToNoPort = "RuleResolvesToNoPort";

    /// <summary>An HTTPRouteGroup rule selects no match (missing group, or a group without matches).</summary>
    public const string RuleMatchesNothing = "RuleMatchesNothing";

    /// <summary>
    /// An HTTPRouteGroup rule applies to a port Linkerd proxies as opaque TCP, where no HTTP route can match; the rule
    /// allows nothing on that port.
    /// </summary>
    public const string HttpRuleOnOpaquePort = "HttpRuleOnOpaquePort";

    /// <summary>A UDPRoute rule: Linkerd neither proxies nor authorizes UDP.</summary>
    public const string UdpRouteUnsupported = "UdpRouteUnsupported";

    /// <summary>An IdentityBinding's SPIFFE identities are not authorized; only its service accounts are.</summary>
    public const string SpiffeIdentityIgnored = "SpiffeIdentityIgnored";

    /// <summary>A source identity stands for no service account.</summary>
    public const string SourceIdentityEmpty = "SourceIdentityEmpty";

    /// <summary>Kubelet probes of a port stop being authorized once an HTTPRoute is attached to its Server.</summary>
    public const string ProbesBlocked = "ProbesBlocked";

    /// <summary>Several HTTPRoutes with different clients share a Server; a request matched by more than one is judged by one route only.</summary>
    public const string RouteAuthorizationOverlap = "RouteAuthorizationOverlap";

    /// <summary>Default deny needs the namespace annotation <c>config.linkerd.io/default-inbound-policy: deny</c>.</summary>
    public const string DefaultDenyNeedsAnnotation = "DefaultDenyNeedsAnnotation";

    /// <summary>
    /// A grant allows every port, but Servers exist only for declared container ports; under a deny default the
    /// undeclared ports stay closed.
    /// </summary>
    public const string UndeclaredPortsClosed = "UndeclaredPortsClosed";
}

namespace Smi.Adapters.Linkerd;

/// <summary>The stable reason codes of the Linkerd translator's diagnostics.</summary>
internal static class LinkerdReasons
{
    /// <summary>An A/B TrafficSplit cannot become ServiceProfile dstOverrides, which apply to every request.</summary>
    public const string ServiceProfileCannotMatch = "ServiceProfileCannotMatch";

    /// <summary>A ServiceProfile route condition cannot test headers; the route is wider than the match.</summary>
    public const string ServiceProfileHeadersIgnored = "ServiceProfileHeadersIgnored";

    /// <summary>Two destinations cover the same workload; their Servers would select the same pod and port.</summary>
    public const string OverlappingDestinations = "OverlappingDestinations";

    /// <summary>The rules cover every port, but the destination's workloads declare no TCP container port.</summary>
    public const string DestinationPortsUnknown = "DestinationPortsUnknown";

    /// <summary>
    /// An HTTPRouteGroup rule applies to a port Linkerd proxies as opaque TCP, where no HTTP route can match; the rule
    /// allows nothing on that port.
    /// </summary>
    public const string HttpRuleOnOpaquePort = "HttpRuleOnOpaquePort";

    /// <summary>Kubelet probes of a port stop being authorized once an HTTPRoute is attached to its Server.</summary>
    public const string ProbesBlocked = "ProbesBlocked";

    /// <summary>
    /// Several HTTPRoutes with different clients share a Server; a request matched by more than one is judged by one
    /// route only.
    /// </summary>
    public const string RouteAuthorizationOverlap = "RouteAuthorizationOverlap";

    /// <summary>
    /// Default deny needs the namespace annotation <c>config.linkerd.io/default-inbound-policy: deny</c>.
    /// </summary>
    public const string DefaultDenyNeedsAnnotation = "DefaultDenyNeedsAnnotation";

    /// <summary>
    /// A grant allows every port, but Servers exist only for declared container ports; under a deny default the
    /// undeclared ports stay closed.
    /// </summary>
    public const string UndeclaredPortsClosed = "UndeclaredPortsClosed";
}

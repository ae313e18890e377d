using Smi.Adapters.GatewayApi.Routes;

namespace Smi.Adapters.GatewayApi;

/// <summary>
/// The stable reason codes of the Gateway API translator's own diagnostics. It also reports the shared route codes
/// <c>BackendPortMissing</c>, <c>NoBackendForPort</c>, <c>WeightsScaled</c>, <c>WeightRoundedToZero</c>,
/// <c>UnsupportedMatch</c>, <c>TooManyMatches</c> and <c>TooManyBackends</c>.
/// </summary>
internal static class GatewayApiReasons
{
    /// <summary>The root Service of a TrafficSplit is not in the input, so its ports are unknown.</summary>
    public const string RootServiceNotFound = RouteReasons.RootServiceNotFound;

    /// <summary>The root Service is headless; GAMMA routes bind to a Service's cluster IP.</summary>
    public const string HeadlessRootService = RouteReasons.HeadlessRootService;

    /// <summary>Several TrafficSplits without matches share a root; only the first is translated.</summary>
    public const string ConflictingSplits = RouteReasons.ConflictingSplits;

    /// <summary>A root port is UDP or SCTP; no mesh implements UDPRoute for Service parents.</summary>
    public const string NonTcpRootPort = "NonTcpRootPort";

    /// <summary>A root port carries opaque TCP and the TcpRoutes option is off, so the port is not split.</summary>
    public const string TcpRoutesDisabled = "TcpRoutesDisabled";

    /// <summary>An A/B split on an opaque TCP port, where HTTP matches cannot apply.</summary>
    public const string MatchesOnTcpPort = "MatchesOnTcpPort";

    /// <summary>A TrafficTarget is not translated: Gateway API has no access control and no mesh was chosen for it.</summary>
    public const string AccessControlNotTranslated = "AccessControlNotTranslated";
}

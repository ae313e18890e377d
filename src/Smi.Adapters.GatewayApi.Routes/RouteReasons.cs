namespace Smi.Adapters.GatewayApi.Routes;

/// <summary>The stable reason codes of the diagnostics <see cref="ServiceSplitRoutes"/> reports.</summary>
internal static class RouteReasons
{
    /// <summary>A second plain TrafficSplit on a root that already has one; only the first is translated.</summary>
    public const string ConflictingSplits = "ConflictingSplits";

    /// <summary>The root Service is not in the input, so its ports are unknown.</summary>
    public const string RootServiceNotFound = "RootServiceNotFound";

    /// <summary>The root Service is headless; Service-parent routes need a cluster IP.</summary>
    public const string HeadlessRootService = "HeadlessRootService";

    /// <summary>A backend Service lacks a port of the root Service; it is left out of that port's route.</summary>
    public const string BackendPortMissing = "BackendPortMissing";

    /// <summary>No backend with a positive weight is left for a root port; the split is not applied there.</summary>
    public const string NoBackendForPort = "NoBackendForPort";

    /// <summary>Weights were scaled down to fit the 1,000,000 limit of backendRefs.</summary>
    public const string WeightsScaled = "WeightsScaled";

    /// <summary>A positive weight became zero after scaling or rounding.</summary>
    public const string WeightRoundedToZero = "WeightRoundedToZero";

    /// <summary>A backend's share moved by more than half a percentage point when weights were made integers.</summary>
    public const string WeightShareChanged = "WeightShareChanged";

    /// <summary>An HTTPRouteGroup match cannot be written as an HTTPRoute match.</summary>
    public const string UnsupportedMatch = "UnsupportedMatch";

    /// <summary>A route would exceed the rule or match limits of the HTTPRoute CRD.</summary>
    public const string TooManyMatches = "TooManyMatches";

    /// <summary>A split has more backends than the 16 backendRefs a route rule allows.</summary>
    public const string TooManyBackends = "TooManyBackends";
}

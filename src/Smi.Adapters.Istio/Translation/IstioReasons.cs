namespace Smi.Adapters.Istio.Translation;

/// <summary>The reason codes of the diagnostics the Istio translator reports.</summary>
internal static class IstioReasons
{
    public const string SplitConflict = "SplitConflict";
    public const string WeightsRounded = "WeightsRounded";
    public const string UdpPortNotSplit = "UdpPortNotSplit";
    public const string MatchesOnOpaquePorts = "MatchesOnOpaquePorts";
    public const string HeaderNameCollision = "HeaderNameCollision";
    public const string NothingToRoute = "NothingToRoute";
    public const string NoMatchesToRoute = "NoMatchesToRoute";
    public const string BackendPortMissing = "BackendPortMissing";
    public const string DestinationWorkloadsNotFound = "DestinationWorkloadsNotFound";
    public const string AmbiguousWorkloadSelector = "AmbiguousWorkloadSelector";
    public const string UnsupportedPathRegex = "UnsupportedPathRegex";
    public const string UnsupportedHeaderRegex = "UnsupportedHeaderRegex";
    public const string UdpRouteNotSupported = "UdpRouteNotSupported";
    public const string SourceMatchesNoIdentity = "SourceMatchesNoIdentity";
    public const string UnsupportedSpiffeIdentity = "UnsupportedSpiffeIdentity";
    public const string NoCommonPort = "NoCommonPort";
    public const string RuleResolvesToNoPort = "RuleResolvesToNoPort";
    public const string RuleMatchesNothing = "RuleMatchesNothing";
    public const string PolicyAllowsNothing = "PolicyAllowsNothing";
    public const string DefaultDenyDisabled = "DefaultDenyDisabled";
}

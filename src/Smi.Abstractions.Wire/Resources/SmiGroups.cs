namespace Smi.Abstractions.Resources;

/// <summary>The SMI API groups.</summary>
public static class SmiGroups
{
    /// <summary>TrafficTarget and IdentityBinding.</summary>
    public const string Access = "access.smi-spec.io";

    /// <summary>HTTPRouteGroup, TCPRoute and UDPRoute.</summary>
    public const string Specs = "specs.smi-spec.io";

    /// <summary>TrafficSplit.</summary>
    public const string Split = "split.smi-spec.io";

    /// <summary>TrafficMetrics (an aggregated API, not CRDs).</summary>
    public const string Metrics = "metrics.smi-spec.io";

    /// <summary>Every group, for telling SMI objects from others.</summary>
    public static IReadOnlyList<string> All { get; } = [Access, Specs, Split, Metrics];
}

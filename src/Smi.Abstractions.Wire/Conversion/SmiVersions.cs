using System.Collections.Immutable;
using Smi.Abstractions.Conversion.Versions;

namespace Smi.Abstractions.Conversion;

/// <summary>Every SMI kind and version this library reads and writes.</summary>
public static class SmiVersions
{
    private static readonly ImmutableDictionary<(string ApiVersion, string Kind), ISmiVersion> ByApiVersionAndKind;

    static SmiVersions()
    {
        All =
        [
            new SplitV1Alpha1(),
            new SplitV1Alpha2(),
            new SplitV1Alpha3(),
            new SplitV1Alpha4(),
            new HttpRouteGroupV1Alpha1(),
            new HttpRouteGroupV1Alpha2(),
            new HttpRouteGroupV1Alpha3(),
            new HttpRouteGroupV1Alpha4(),
            new TcpRouteV1Alpha1(),
            new TcpRouteV1Alpha2(),
            new TcpRouteV1Alpha3(),
            new TcpRouteV1Alpha4(),
            new UdpRouteV1Alpha4(),
            new TrafficTargetV1Alpha1(),
            new TrafficTargetV1Alpha2(),
            new TrafficTargetV1Alpha3(),
            new TrafficTargetV1Alpha4(),
            new IdentityBindingV1Alpha4(),
        ];
        ByApiVersionAndKind = All.ToImmutableDictionary(v => (v.ApiVersion, v.Kind));
    }

    /// <summary>
    /// The latest released version of each SMI group (access v1alpha3, specs v1alpha4, split v1alpha4); access
    /// v1alpha4 is an unreleased draft. Generated CRDs store these versions.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LatestReleased { get; } =
        new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Resources.SmiGroups.Access] = "v1alpha3",
        [Resources.SmiGroups.Specs] = "v1alpha4",
        [Resources.SmiGroups.Split] = "v1alpha4",
    };

    /// <summary>Every registered kind and version.</summary>
    public static ImmutableArray<ISmiVersion> All { get; }

    /// <summary>Finds a kind and version.</summary>
    /// <param name="apiVersion">The apiVersion, for example <c>split.smi-spec.io/v1alpha4</c>.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>The version, or <see langword="null"/> when it is not an SMI kind this library knows.</returns>
    public static ISmiVersion? Find(string apiVersion, string kind) =>
        ByApiVersionAndKind.GetValueOrDefault((apiVersion, kind));

    /// <summary>The versions of one kind, oldest first.</summary>
    /// <param name="group">The API group.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>The versions.</returns>
    public static IEnumerable<ISmiVersion> VersionsOf(string group, string kind) =>
        All.Where(v => v.Group == group && v.Kind == kind).OrderBy(v => v.Version, StringComparer.Ordinal);

    /// <summary>Whether an apiVersion belongs to one of the SMI groups.</summary>
    /// <param name="apiVersion">The apiVersion.</param>
    /// <returns><see langword="true"/> for any version of an SMI group, known or not.</returns>
    public static bool IsSmiGroup(string apiVersion) =>
        Resources.SmiGroups.All.Any(g => apiVersion.StartsWith(g + "/", StringComparison.Ordinal));
}

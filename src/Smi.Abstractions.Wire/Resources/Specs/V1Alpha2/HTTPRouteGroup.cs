using System.Text.Json.Serialization;
using k8s.Models;

namespace Smi.Abstractions.Resources.Specs.V1Alpha2;

/// <summary>
/// specs.smi-spec.io/v1alpha2 HTTPRouteGroup: named HTTP request matches, at the top level (no <c>spec</c>).
/// </summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class HTTPRouteGroup() : SmiObject($"{KubeGroup}/{KubeApiVersion}", KubeKind)
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Specs;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha2";

    /// <summary>The kind.</summary>
    public const string KubeKind = "HTTPRouteGroup";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "httproutegroups";

    /// <summary>The matches; the CRD requires the field.</summary>
    [JsonPropertyName("matches")]
    public IList<HttpMatch>? Matches { get; set; }
}

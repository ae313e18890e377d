using System.Text.Json.Serialization;
using k8s.Models;

namespace Smi.Abstractions.Resources.Access.V1Alpha1;

/// <summary>
/// access.smi-spec.io/v1alpha1 TrafficTarget: which sources may reach a destination, on which traffic. The fields sit
/// at
/// the top level (no <c>spec</c>), and the rules are called <c>specs</c>.
/// </summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
public sealed class TrafficTarget() : SmiObject($"{KubeGroup}/{KubeApiVersion}", KubeKind)
{
    /// <summary>The API group.</summary>
    public const string KubeGroup = SmiGroups.Access;

    /// <summary>The version.</summary>
    public const string KubeApiVersion = "v1alpha1";

    /// <summary>The kind.</summary>
    public const string KubeKind = "TrafficTarget";

    /// <summary>The resource (plural) name.</summary>
    public const string KubePluralName = "traffictargets";

    /// <summary>The protected identity, optionally narrowed to one port.</summary>
    [JsonPropertyName("destination")]
    public TrafficTargetDestination? Destination { get; set; }

    /// <summary>The traffic specs the sources may use.</summary>
    [JsonPropertyName("specs")]
    public IList<TrafficTargetRule>? Specs { get; set; }

    /// <summary>The identities allowed in.</summary>
    [JsonPropertyName("sources")]
    public IList<IdentityBindingSubject>? Sources { get; set; }
}

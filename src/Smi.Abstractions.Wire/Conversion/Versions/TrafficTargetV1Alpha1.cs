using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Access.V1Alpha1;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// access.smi-spec.io/v1alpha1 TrafficTarget (top-level fields, <c>specs</c> for rules) to and from
/// <see cref="AccessGrant"/>. <c>destination.port</c> is kept as <see cref="AccessGrant.DestinationPort"/>.
/// </summary>
public sealed class TrafficTargetV1Alpha1() : SmiVersion<TrafficTarget, AccessGrant>(
    TrafficTarget.KubeGroup, TrafficTarget.KubeApiVersion, TrafficTarget.KubeKind, TrafficTarget.KubePluralName)
{
    /// <inheritdoc/>
    protected override AccessGrant ToHub(TrafficTarget resource, ConversionContext context)
    {
        var source = RefOf(resource);
        var ns = source.Namespace ?? string.Empty;
        AccessRuleKinds.ReportUnknown(resource.Specs?.Select(r => r.Kind), "specs", context);
        var destination = resource.Destination;
        return new AccessGrant(
            source,
            AccessIdentities.ToHub(
                destination?.Kind,
                destination?.Name,
                destination?.Namespace,
                ns,
                allowIdentityBinding: false,
                "destination",
                ApiVersion,
                context),
            destination?.Port,
            [.. (resource.Specs ?? []).Select(r => AccessRules.ToHub(r.Kind, r.Name, r.Matches))],
            [.. (resource.Sources ?? []).Select((s, i) => AccessIdentities.ToHub(
                s.Kind, s.Name, s.Namespace, ns, allowIdentityBinding: false, $"sources[{i}]", ApiVersion, context))]);
    }

    /// <inheritdoc/>
    protected override TrafficTarget FromHub(AccessGrant hub, ConversionContext context) => new()
    {
        Destination = AccessIdentities.CanWrite(
            hub.Destination, allowIdentityBinding: false, "destination", ApiVersion, context)
            ? new TrafficTargetDestination
            {
                Kind = AccessIdentities.Kind(hub.Destination),
                Name = hub.Destination.Name,
                Namespace = AccessIdentities.Namespace(hub.Destination),
                Port = hub.DestinationPort,
            }
            : null,
        Specs = [.. AccessRules.Writable(hub, allowUdp: false, "specs", ApiVersion, context)
            .Select(r => new TrafficTargetRule { Kind = r.Kind, Name = r.Rule.Name, Matches = r.Matches })],
        Sources = [.. hub.Sources
            .Select((s, i) => (Identity: s, Index: i))
            .Where(s => AccessIdentities.CanWrite(
                s.Identity, allowIdentityBinding: false, $"sources[{s.Index}]", ApiVersion, context))
            .Select(s => new IdentityBindingSubject
            {
                Kind = AccessIdentities.Kind(s.Identity),
                Name = s.Identity.Name,
                Namespace = AccessIdentities.Namespace(s.Identity),
            })],
    };
}

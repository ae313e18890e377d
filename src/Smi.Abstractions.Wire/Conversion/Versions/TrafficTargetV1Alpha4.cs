using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Access.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// access.smi-spec.io/v1alpha4 TrafficTarget (destination and sources may be IdentityBindings) to and from
/// <see cref="AccessGrant"/>.
/// </summary>
public sealed class TrafficTargetV1Alpha4() : SmiVersion<TrafficTarget, AccessGrant>(
    TrafficTarget.KubeGroup, TrafficTarget.KubeApiVersion, TrafficTarget.KubeKind, TrafficTarget.KubePluralName)
{
    /// <inheritdoc/>
    protected override AccessGrant ToHub(TrafficTarget resource, ConversionContext context)
    {
        var source = RefOf(resource);
        var ns = source.Namespace ?? string.Empty;
        AccessRuleKinds.ReportUnknown(resource.Spec.Rules?.Select(r => r.Kind), "spec.rules", context);
        var destination = resource.Spec.Destination;
        return new AccessGrant(
            source,
            AccessIdentities.ToHub(
                destination?.Kind,
                destination?.Name,
                destination?.Namespace,
                ns,
                allowIdentityBinding: true,
                "spec.destination",
                ApiVersion,
                context),
            null,
            [.. (resource.Spec.Rules ?? []).Select(r => AccessRules.ToHub(r.Kind, r.Name, r.Matches))],
            [.. (resource.Spec.Sources ?? []).Select((s, i) => AccessIdentities.ToHub(
                s.Kind,
                s.Name,
                s.Namespace,
                ns,
                allowIdentityBinding: true,
                $"spec.sources[{i}]",
                ApiVersion,
                context))]);
    }

    /// <inheritdoc/>
    protected override TrafficTarget FromHub(AccessGrant hub, ConversionContext context)
    {
        if (hub.DestinationPort is { } port)
        {
            context.ReportLossy(
                "spec.destination.port",
                ApiVersion,
                $"destination port {port}; express it with a TCPRoute rule instead");
        }

        return new TrafficTarget
        {
            Spec = new TrafficTargetSpec
            {
                Destination = AccessIdentities.CanWrite(
                    hub.Destination, allowIdentityBinding: true, "spec.destination", ApiVersion, context)
                    ? Subject(hub.Destination) : null,
                Rules = [.. AccessRules.Writable(hub, allowUdp: true, "spec.rules", ApiVersion, context)
                    .Select(r => new TrafficTargetRule { Kind = r.Kind, Name = r.Rule.Name, Matches = r.Matches })],
                Sources = [.. hub.Sources
                    .Select((s, i) => (Identity: s, Index: i))
                    .Where(s => AccessIdentities.CanWrite(
                        s.Identity, allowIdentityBinding: true, $"spec.sources[{s.Index}]", ApiVersion, context))
                    .Select(s => Subject(s.Identity))],
            },
        };
    }

    private static IdentityBindingSubject Subject(IdentityRef identity) => new()
    {
        Kind = AccessIdentities.Kind(identity),
        Name = identity.Name,
        Namespace = AccessIdentities.Namespace(identity),
    };
}

using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Access.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// access.smi-spec.io/v1alpha4 TrafficTarget (destination and sources may be IdentityBindings) to and from
/// <see cref="AccessGrant"/>. v1alpha3 has the same shape without IdentityBindings and converts through it.
/// </summary>
public sealed class TrafficTargetV1Alpha4() : SmiVersion<TrafficTarget, AccessGrant>(
    TrafficTarget.KubeGroup, TrafficTarget.KubeApiVersion, TrafficTarget.KubeKind, TrafficTarget.KubePluralName)
{
    /// <inheritdoc/>
    protected override AccessGrant ToHub(TrafficTarget resource, ConversionContext context) =>
        ToHub(resource.Spec, RefOf(resource), allowIdentityBinding: true, ApiVersion, context);

    /// <inheritdoc/>
    protected override TrafficTarget FromHub(AccessGrant hub, ConversionContext context) =>
        new() { Spec = FromHub(hub, allowIdentityBinding: true, ApiVersion, context) };

    /// <summary>Reads a spec of this shape, in <paramref name="apiVersion"/>.</summary>
    internal static AccessGrant ToHub(
        TrafficTargetSpec spec,
        ResourceRef source,
        bool allowIdentityBinding,
        string apiVersion,
        ConversionContext context)
    {
        var ns = source.Namespace ?? string.Empty;
        AccessRuleKinds.ReportUnknown(spec.Rules?.Select(r => r.Kind), "spec.rules", context);
        var destination = spec.Destination;
        return new AccessGrant(
            source,
            AccessIdentities.ToHub(
                destination?.Kind,
                destination?.Name,
                destination?.Namespace,
                ns,
                allowIdentityBinding,
                "spec.destination",
                apiVersion,
                context),
            null,
            [.. (spec.Rules ?? []).Select(r => AccessRules.ToHub(r.Kind, r.Name, r.Matches))],
            [.. (spec.Sources ?? []).Select((s, i) => AccessIdentities.ToHub(
                s.Kind,
                s.Name,
                s.Namespace,
                ns,
                allowIdentityBinding,
                $"spec.sources[{i}]",
                apiVersion,
                context))]);
    }

    /// <summary>Writes a spec of this shape, in <paramref name="apiVersion"/>.</summary>
    internal static TrafficTargetSpec FromHub(
        AccessGrant hub, bool allowIdentityBinding, string apiVersion, ConversionContext context)
    {
        if (hub.DestinationPort is { } port)
        {
            context.ReportLossy(
                "spec.destination.port",
                apiVersion,
                $"destination port {port}; express it with a TCPRoute rule instead");
        }

        return new TrafficTargetSpec
        {
            Destination = AccessIdentities.CanWrite(
                hub.Destination, allowIdentityBinding, "spec.destination", apiVersion, context)
                ? Subject(hub.Destination) : null,
            Rules = [.. AccessRules.Writable(hub, allowUdp: true, "spec.rules", apiVersion, context)
                .Select(r => new TrafficTargetRule { Kind = r.Kind, Name = r.Rule.Name, Matches = r.Matches })],
            Sources = [.. hub.Sources
                .Select((s, i) => (Identity: s, Index: i))
                .Where(s => AccessIdentities.CanWrite(
                    s.Identity, allowIdentityBinding, $"spec.sources[{s.Index}]", apiVersion, context))
                .Select(s => Subject(s.Identity))],
        };
    }

    private static IdentityBindingSubject Subject(IdentityRef identity) => new()
    {
        Kind = AccessIdentities.Kind(identity),
        Name = identity.Name,
        Namespace = AccessIdentities.Namespace(identity),
    };
}

using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Access.V1Alpha3;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>access.smi-spec.io/v1alpha3 TrafficTarget to and from <see cref="AccessGrant"/>.</summary>
public sealed class TrafficTargetV1Alpha3() : SmiVersion<TrafficTarget, AccessGrant>(TrafficTarget.KubeGroup, TrafficTarget.KubeApiVersion, TrafficTarget.KubeKind, TrafficTarget.KubePluralName)
{
    /// <inheritdoc/>
    protected override AccessGrant ToHub(TrafficTarget resource, ConversionContext context)
    {
        var source = RefOf(resource);
        var ns = source.Namespace ?? string.Empty;
        AccessRuleKinds.ReportUnknown(resource.Spec.Rules?.Select(r => r.Kind), "spec.rules", context);
        return new AccessGrant(
            source,
            Identity(resource.Spec.Destination, ns),
            null,
            [.. (resource.Spec.Rules ?? []).Select(r => new AccessRule(AccessRuleKinds.Parse(r.Kind), r.Name ?? string.Empty, [.. r.Matches ?? []]))],
            [.. (resource.Spec.Sources ?? []).Select(s => Identity(s, ns))]);
    }

    /// <inheritdoc/>
    protected override TrafficTarget FromHub(AccessGrant hub, ConversionContext context)
    {
        if (hub.DestinationPort is { } port)
        {
            context.ReportLossy("spec.destination.port", ApiVersion, $"destination port {port}; express it with a TCPRoute rule instead");
        }

        return new TrafficTarget
        {
            Spec = new TrafficTargetSpec
            {
                Destination = Subject(hub.Destination),
                Rules = [.. hub.Rules.Select(r => new TrafficTargetRule { Kind = AccessRuleKinds.Format(r.Kind), Name = r.Name, Matches = r.Matches.IsDefaultOrEmpty ? null : [.. r.Matches] })],
                Sources = [.. hub.Sources.Select(Subject)],
            },
        };
    }

    private static IdentityRef Identity(IdentityBindingSubject? subject, string defaultNamespace) => new(
        IdentityKind.ServiceAccount,
        subject?.Name ?? string.Empty,
        string.IsNullOrEmpty(subject?.Namespace) ? defaultNamespace : subject.Namespace,
        !string.IsNullOrEmpty(subject?.Namespace));

    private static IdentityBindingSubject Subject(IdentityRef identity) => new()
    {
        Kind = identity.Kind.ToString(),
        Name = identity.Name,
        Namespace = identity.NamespaceWasSet ? identity.Namespace : null,
    };
}

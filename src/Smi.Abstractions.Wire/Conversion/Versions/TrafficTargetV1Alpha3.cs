using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Access.V1Alpha3;
using Next = Smi.Abstractions.Resources.Access.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// access.smi-spec.io/v1alpha3 TrafficTarget to and from <see cref="AccessGrant"/>, through its neighbour v1alpha4,
/// whose shape it has without IdentityBindings.
/// </summary>
public sealed class TrafficTargetV1Alpha3() : SmiVersion<TrafficTarget, AccessGrant>(
    TrafficTarget.KubeGroup, TrafficTarget.KubeApiVersion, TrafficTarget.KubeKind, TrafficTarget.KubePluralName)
{
    /// <inheritdoc/>
    protected override AccessGrant ToHub(TrafficTarget resource, ConversionContext context) =>
        TrafficTargetV1Alpha4.ToHub(
            ToNext(resource.Spec), RefOf(resource), allowIdentityBinding: false, ApiVersion, context);

    /// <inheritdoc/>
    protected override TrafficTarget FromHub(AccessGrant hub, ConversionContext context) =>
        new()
        {
            Spec = FromNext(
                TrafficTargetV1Alpha4.FromHub(hub, allowIdentityBinding: false, ApiVersion, context)),
        };

    private static Next.TrafficTargetSpec ToNext(TrafficTargetSpec spec) => new()
    {
        Destination = spec.Destination is { } d
            ? new() { Kind = d.Kind, Name = d.Name, Namespace = d.Namespace }
            : null,
        Rules = spec.Rules is null
            ? null
            : [.. spec.Rules.Select(r =>
                new Next.TrafficTargetRule { Kind = r.Kind, Name = r.Name, Matches = r.Matches })],
        Sources = spec.Sources is null
            ? null
            : [.. spec.Sources.Select(s =>
                new Next.IdentityBindingSubject { Kind = s.Kind, Name = s.Name, Namespace = s.Namespace })],
    };

    private static TrafficTargetSpec FromNext(Next.TrafficTargetSpec spec) => new()
    {
        Destination = spec.Destination is { } d
            ? new() { Kind = d.Kind, Name = d.Name, Namespace = d.Namespace }
            : null,
        Rules = spec.Rules is null
            ? null
            : [.. spec.Rules.Select(r =>
                new TrafficTargetRule { Kind = r.Kind, Name = r.Name, Matches = r.Matches })],
        Sources = spec.Sources is null
            ? null
            : [.. spec.Sources.Select(s =>
                new IdentityBindingSubject { Kind = s.Kind, Name = s.Name, Namespace = s.Namespace })],
    };
}

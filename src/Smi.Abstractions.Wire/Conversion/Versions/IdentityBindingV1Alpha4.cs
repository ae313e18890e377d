using System.Collections.Immutable;
using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Access.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>access.smi-spec.io/v1alpha4 IdentityBinding to and from <see cref="IdentityBindingRule"/>.</summary>
public sealed class IdentityBindingV1Alpha4() : SmiVersion<IdentityBinding, IdentityBindingRule>(
    IdentityBinding.KubeGroup, IdentityBinding.KubeApiVersion, IdentityBinding.KubeKind, IdentityBinding.KubePluralName)
{
    /// <inheritdoc/>
    protected override IdentityBindingRule ToHub(IdentityBinding resource, ConversionContext context)
    {
        var schemes = resource.Spec.Schemes;
        return new IdentityBindingRule(
            RefOf(resource),
            schemes?.ServiceAccount,
            schemes?.PodLabelSelector is { } selector
                ? (selector.MatchLabels ?? new Dictionary<string, string>())
                    .ToImmutableSortedDictionary(StringComparer.Ordinal)
                : null,
            [.. schemes?.SpiffeIdentities ?? []]);
    }

    /// <inheritdoc/>
    protected override IdentityBinding FromHub(IdentityBindingRule hub, ConversionContext context) => new()
    {
        Spec = new IdentityBindingSpec
        {
            Schemes = new IdentityBindingSchemes
            {
                ServiceAccount = hub.ServiceAccount,
                PodLabelSelector = hub.PodLabels is null
                    ? null : new PodLabelSelector { MatchLabels = hub.PodLabels.ToDictionary(StringComparer.Ordinal) },
                SpiffeIdentities = hub.SpiffeIdentities.IsDefaultOrEmpty ? null : [.. hub.SpiffeIdentities],
            },
        },
    };
}

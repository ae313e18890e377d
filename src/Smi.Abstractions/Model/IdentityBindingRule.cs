using System.Collections.Immutable;

namespace Smi.Abstractions.Model;

/// <summary>
/// An access v1alpha4 IdentityBinding: the workloads of its namespace that one identity stands for. Schemes are ORed.
/// </summary>
/// <param name="Source">The IdentityBinding it came from.</param>
/// <param name="ServiceAccount">Pods running as this ServiceAccount of the binding's namespace.</param>
/// <param name="PodLabels">Pods carrying all these labels; <see langword="null"/> when the scheme is absent.</param>
/// <param name="SpiffeIdentities">SPIFFE IDs the identity also stands for.</param>
public sealed record IdentityBindingRule(
    ResourceRef Source,
    string? ServiceAccount,
    ImmutableSortedDictionary<string, string>? PodLabels,
    ImmutableArray<string> SpiffeIdentities)
{
    /// <summary>The binding's namespace.</summary>
    public string Namespace => Source.Namespace ?? string.Empty;
}

using System.Collections.Immutable;
using Smi.Abstractions.Model;

namespace Smi.Abstractions.Access;

/// <summary>One source of a grant as the identities a mesh can name.</summary>
/// <param name="Index">The source's index in the TrafficTarget's sources.</param>
/// <param name="Identity">The source as written.</param>
/// <param name="ServiceAccounts">The service accounts it stands for, as (namespace, name), sorted and distinct.</param>
/// <param name="SpiffeIdentities">The SPIFFE IDs an IdentityBinding adds, as written.</param>
/// <param name="PodSubset">
/// The IdentityBinding's pod labels when they pick only some pods of the service accounts they resolve to (the
/// input holds pods of those accounts without the labels); <see langword="null"/> when the accounts are exact.
/// </param>
public sealed record ResolvedSource(
    int Index,
    IdentityRef Identity,
    ImmutableArray<(string Namespace, string Name)> ServiceAccounts,
    ImmutableArray<string> SpiffeIdentities,
    ImmutableSortedDictionary<string, string>? PodSubset)
{
    /// <summary>Whether the source is a pod subset smaller than its service accounts.</summary>
    public bool NarrowerThanServiceAccounts => PodSubset is not null;
}

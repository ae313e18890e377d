using System.Collections.Immutable;

namespace Smi.Abstractions.Snapshot;

/// <summary>What translation needs to know about a Namespace.</summary>
/// <param name="Name">The namespace name.</param>
/// <param name="Labels">Its labels.</param>
/// <param name="Annotations">Its annotations.</param>
public sealed record NamespaceInfo(
    string Name,
    ImmutableSortedDictionary<string, string> Labels,
    ImmutableSortedDictionary<string, string> Annotations);

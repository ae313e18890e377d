using Smi.Adapters.Linkerd.Resources;

namespace Smi.Adapters.Linkerd;

/// <summary>Requests that match any of <see cref="Matches"/> are split across <see cref="Backends"/>.</summary>
/// <param name="Matches">The HTTPRoute matches, ORed.</param>
/// <param name="Backends">The weighted backends.</param>
internal sealed record SplitBranch(IReadOnlyList<HttpRouteMatch> Matches, IReadOnlyList<WeightedBackend> Backends);

using Smi.Adapters.GatewayApi.Routes.Resources;

namespace Smi.Adapters.GatewayApi.Routes;

/// <summary>Requests that match any of <see cref="Matches"/> are split across <see cref="Backends"/>.</summary>
/// <param name="Matches">The HTTPRoute matches, ORed.</param>
/// <param name="Backends">The weighted backends.</param>
/// <param name="Name">The name of the branch's rules, or <see langword="null"/> to leave rules unnamed.</param>
internal sealed record SplitBranch(
    IReadOnlyList<HttpRouteMatch> Matches, IReadOnlyList<WeightedBackend> Backends, string? Name = null);

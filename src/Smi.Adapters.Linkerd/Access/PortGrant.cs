using Smi.Abstractions.Model;
using Smi.Adapters.GatewayApi.Routes.Resources;

namespace Smi.Adapters.Linkerd.Access;

/// <summary>What one TrafficTarget allows on one container port of its destination.</summary>
/// <param name="Grant">The TrafficTarget.</param>
/// <param name="Port">The container port.</param>
/// <param name="Sources">The service accounts allowed, as (namespace, name), sorted.</param>
/// <param name="Matches">The HTTP requests allowed, or <see langword="null"/> for all traffic on the port.</param>
internal sealed record PortGrant(AccessGrant Grant, int Port, IReadOnlyList<(string Namespace, string Name)> Sources,
    IReadOnlyList<HttpRouteMatch>? Matches);

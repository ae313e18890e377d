namespace Smi.Abstractions.Model;

/// <summary>A reference from a TrafficSplit to an HTTPRouteGroup in its namespace.</summary>
/// <param name="Kind">The referenced kind; SMI allows only <c>HTTPRouteGroup</c>.</param>
/// <param name="Name">The route group name.</param>
/// <param name="ApiGroup">The optional API group the reference names.</param>
public sealed record RouteGroupRef(string Kind, string Name, string? ApiGroup = null);

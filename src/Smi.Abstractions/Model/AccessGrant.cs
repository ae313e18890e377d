using System.Collections.Immutable;

namespace Smi.Abstractions.Model;

/// <summary>
/// A TrafficTarget of any version, normalized: <see cref="Sources"/> may reach <see cref="Destination"/> on the traffic
/// that <see cref="Rules"/> describe. SMI denies everything else. When both port rules (TCPRoute/UDPRoute) and
/// HTTPRouteGroup rules are listed, the grant allows traffic that matches a port rule AND a route rule.
/// </summary>
/// <param name="Source">The TrafficTarget it came from.</param>
/// <param name="Destination">The identity being protected.</param>
/// <param name="DestinationPort">The access v1alpha1/v1alpha2 <c>destination.port</c>, kept rather than
/// dropped.</param>
/// <param name="Rules">The rules, in input order.</param>
/// <param name="Sources">The identities allowed in, in input order.</param>
public sealed record AccessGrant(
    ResourceRef Source,
    IdentityRef Destination,
    int? DestinationPort,
    ImmutableArray<AccessRule> Rules,
    ImmutableArray<IdentityRef> Sources)
{
    /// <summary>The TrafficTarget's namespace.</summary>
    public string Namespace => Source.Namespace ?? string.Empty;
}

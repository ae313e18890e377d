using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Validation;

/// <summary>Checks TCPRoute and UDPRoute ports.</summary>
public sealed class PortRouteValidator : ISmiValidator
{
    /// <inheritdoc/>
    public IEnumerable<Diagnostic> Validate(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var route in snapshot.PortRoutes)
        {
            for (var i = 0; i < (route.Ports.IsDefault ? 0 : route.Ports.Length); i++)
            {
                if (route.Ports[i] is < 1 or > 65535)
                {
                    yield return Diagnostic.Error(
                        SmiReasons.InvalidPort,
                        route.Source,
                        $"spec.matches.ports[{i}]",
                        $"port {route.Ports[i]} is outside 1-65535");
                }
            }
        }
    }
}

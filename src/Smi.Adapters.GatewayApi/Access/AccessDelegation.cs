using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Adapters.GatewayApi.Access;

/// <summary>
/// Translates the TrafficTargets: Gateway API has no access control, so they go to the translator of the mesh that
/// enforces it (<see cref="GatewayApiOptions.AccessControl"/>), or each gets an error diagnostic when there is none.
/// </summary>
/// <param name="accessControl">The translator TrafficTargets are delegated to, or <see langword="null"/>.</param>
internal sealed class AccessDelegation(IMeshTranslator? accessControl)
{
    /// <summary>Translates every TrafficTarget of the snapshot into <paramref name="output"/>.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="output">The output of this translation.</param>
    public void Translate(MeshSnapshot snapshot, TranslationOutput output)
    {
        if (accessControl is null)
        {
            foreach (var grant in snapshot.AccessGrants.OrderBy(g => g.Source))
            {
                output.Report(UnitKey.ForDestination(grant.Destination), Diagnostic.Error(
                    GatewayApiReasons.AccessControlNotTranslated,
                    grant.Source,
                    null,
                    "Gateway API has no access control, so this TrafficTarget is not translated and SMI's default "
                    + $"deny is not enforced: traffic to {grant.Destination} stays as open as the mesh's defaults. "
                    + "Choose the mesh that enforces it (accessControl: istio or linkerd)"));
            }

            return;
        }

        // Only the access-control units of the delegate: its split outputs would clash with the routes.
        var accessUnits = output.WantedUnits(snapshot, UnitKind.AccessDestination)
            .Concat(output.WantedUnits(snapshot, UnitKind.Namespace))
            .ToHashSet();
        if (accessUnits.Count > 0)
        {
            output.AddDelegated(accessControl.Translate(snapshot, accessUnits));
        }
    }
}

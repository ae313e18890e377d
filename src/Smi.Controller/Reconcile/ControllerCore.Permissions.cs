using k8s.Autorest;
using Smi.Abstractions.Diagnostics;
using Smi.Controller.Cache;
using Smi.Kube.Rbac;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Degrading per permission. A list, watch or get that the API server refuses with 403 settles its informer empty and
/// holds only the units that need that kind in that namespace (translated, but neither applied nor pruned, so nothing
/// is deleted for want of reading it): their SMI objects say <c>PermissionMissing</c> with the verb, group, resource
/// and namespace. A refused write does the same for its unit and is retried with the unit's bounded backoff. Every
/// refusal is noted in the <see cref="PermissionTracker"/> the informers, the <see cref="UnitReconciler"/> and the
/// <see cref="StatusReporter"/> share: logged (1100), counted (<c>smi_controller_forbidden_total</c>), shown while it
/// lasts (<c>smi_controller_missing_permission</c>, <see cref="MissingPermissions"/>) and told once in a Warning Event
/// on the controller's Pod; the other units keep converging.
/// </summary>
public sealed partial class ControllerCore
{
    /// <summary>The reason of conditions and Events about a permission the controller lacks.</summary>
    public const string PermissionMissingReason = SmiReasons.PermissionMissing;

    /// <summary>The permissions the API server refused and has not granted since, in order.</summary>
    public IReadOnlyList<MissingPermission> MissingPermissions => _permissions.Missing;

    private void OnInformerForbidden(Informer informer, MissingPermission permission, HttpOperationException refused)
    {
        _permissions.NoteMissing(permission, refused);
        RequestResync();
    }

    private void OnInformerGranted(Informer informer, MissingPermission permission)
    {
        if (!AllInformers().Any(i => i.Missing == permission))
        {
            _permissions.NoteGranted(permission);
        }

        RequestResync();
    }
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using k8s.Autorest;
using k8s.Models;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;
using Smi.Kube;
using Smi.Kube.Api;
using Smi.Kube.Rbac;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Degrading per permission. A list, watch or get that the API server refuses with 403 settles its informer empty and
/// holds only the units that need that kind in that namespace (translated, but neither applied nor pruned, so nothing
/// is deleted for want of reading it): their SMI objects say <c>PermissionMissing</c> with the verb, group, resource
/// and namespace. A refused write does the same for its unit and is retried with the unit's bounded backoff. Every
/// refusal is logged (1100), counted (<c>smi_controller_forbidden_total</c>), shown while it lasts
/// (<c>smi_controller_missing_permission</c>, <see cref="MissingPermissions"/>) and told once in a Warning Event on
/// the controller's Pod; the other units keep converging.
/// </summary>
public sealed partial class ControllerCore
{
    /// <summary>The reason of conditions and Events about a permission the controller lacks.</summary>
    public const string PermissionMissingReason = SmiReasons.PermissionMissing;

    private static readonly ImmutableHashSet<(string Group, string Plural)> Workloads =
    [
        (string.Empty, "pods"), ("apps", "deployments"), ("apps", "statefulsets"), ("apps", "daemonsets"),
    ];

    private readonly ConcurrentDictionary<MissingPermission, string> _missingPermissions = new();
    private readonly ConcurrentQueue<MissingPermission> _controllerEvents = new();

    /// <summary>The permissions the API server refused and has not granted since, in order.</summary>
    public IReadOnlyList<MissingPermission> MissingPermissions =>
        [.. _missingPermissions.Keys.OrderBy(p => p.ToString(), StringComparer.Ordinal)];

    private void OnInformerForbidden(Informer informer, MissingPermission permission, HttpOperationException refused)
    {
        NotePermissionMissing(permission, refused);
        RequestResync();
    }

    private void OnInformerGranted(Informer informer, MissingPermission permission)
    {
        if (!AllInformers().Any(i => i.Missing == permission))
        {
            NotePermissionGranted(permission);
        }

        RequestResync();
    }

    private void NotePermissionMissing(MissingPermission permission, HttpOperationException refused)
    {
        Metrics.Forbidden.WithLabels(permission.Verb, permission.Group, permission.Resource, permission.Namespace)
            .Inc();
        Metrics.MissingPermissions
            .WithLabels(permission.Verb, permission.Group, permission.Resource, permission.Namespace)
            .Set(1);
        var detail = Truncate(refused.Response?.Content, 300);
        if (_missingPermissions.TryAdd(permission, detail))
        {
            Log.PermissionMissing(_logger, permission.ToString(), detail);
            _controllerEvents.Enqueue(permission);
        }
    }

    private void NotePermissionGranted(MissingPermission permission)
    {
        if (_missingPermissions.TryRemove(permission, out _))
        {
            Metrics.MissingPermissions
                .WithLabels(permission.Verb, permission.Group, permission.Resource, permission.Namespace)
                .Set(0);
            Log.PermissionGranted(_logger, permission.ToString());
        }
    }

    /// <summary>
    /// Runs a request; a 403 becomes a <see cref="ForbiddenException"/> naming the permission, and a success shows
    /// that the permission, if it was missing, is granted now.
    /// </summary>
    private async Task<T> PermittedAsync<T>(
        string verb, string group, string resource, string? ns, Func<Task<T>> request)
    {
        var permission = new MissingPermission(verb, group, resource, ns ?? string.Empty);
        try
        {
            var result = await request().ConfigureAwait(false);
            if (!_missingPermissions.IsEmpty)
            {
                NotePermissionGranted(permission);
            }

            return result;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Forbidden)
        {
            NotePermissionMissing(permission, e);
            throw new ForbiddenException(permission, e);
        }
    }

    private async Task PermittedAsync(string verb, string group, string resource, string? ns, Func<Task> request) =>
        await PermittedAsync(
            verb,
            group,
            resource,
            ns,
            async () =>
            {
                await request().ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);

    /// <summary>
    /// The refused read that a unit needs, if any: a refused list or watch of an SMI or context kind the unit reads,
    /// in a namespace of the unit or of its inputs (a mesh-wide unit reads its kinds everywhere), or a refused list
    /// or watch of a kind among its desired outputs in their namespace.
    /// </summary>
    private MissingPermission? RefusedReadOf(
        UnitKey unit, IEnumerable<ResourceRef> inputs, IEnumerable<GeneratedResource> desired)
    {
        var refused = AllInformers().Where(i => i.Missing is not null).ToList();
        if (refused.Count == 0)
        {
            return null;
        }

        var namespaces = inputs.Select(i => i.Namespace).Append(unit.Namespace)
            .Where(n => !string.IsNullOrEmpty(n))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var informer in refused.Where(i => i.Name is null))
        {
            // A watched namespace that may not be read is taken to exist (see BuildSnapshot): nothing waits for it.
            var kind = informer.Kind;
            if (_cache.Outputs.Contains(informer))
            {
                if (desired.Any(r => r.Ref.Group == kind.Group && r.Ref.Kind == kind.Kind
                    && (informer.Namespace is null || r.Ref.Namespace == informer.Namespace)))
                {
                    return informer.Missing;
                }

                continue;
            }

            var scope = informer.Name ?? informer.Namespace;
            if (Reads(unit.Kind, kind) && (scope is null || unit.Kind == UnitKind.Mesh || namespaces.Contains(scope)))
            {
                return informer.Missing;
            }
        }

        return null;
    }

    /// <summary>Whether a unit of a kind reads objects of an SMI or context kind.</summary>
    private bool Reads(UnitKind unit, ResourceKind kind) => unit switch
    {
        UnitKind.SplitRoot => kind.Plural is "trafficsplits" or "httproutegroups" or "services"
            || (_translator.Mesh == "consul" && Workloads.Contains((kind.Group, kind.Plural))),
        UnitKind.Namespace => kind.Plural is "traffictargets" or "identitybindings"
            || Workloads.Contains((kind.Group, kind.Plural)),
        _ => kind.Plural is not ("trafficsplits" or "namespaces"),
    };

    /// <summary>The condition message of an SMI object whose unit waits for a permission.</summary>
    private static string PermissionMessage(UnitKey unit, MissingPermission permission, bool retried) =>
        $"The controller may not {permission}, which {unit} needs, so the unit is neither applied nor pruned"
        + (retried ? " and is retried with backoff" : " until the permission is granted")
        + $"; grant {permission.Verb} on {permission.Resource} to the controller's ServiceAccount";

    /// <summary>
    /// Tells each newly missing permission once in a Warning Event on the controller's own Pod (its identity in the
    /// namespace of its Lease, the <c>POD_NAMESPACE</c>): the controller-level report where no SMI object is affected.
    /// </summary>
    private async Task EmitControllerEventsAsync(CancellationToken cancellationToken)
    {
        while (_leader && _controllerEvents.TryDequeue(out var permission))
        {
            if (!_missingPermissions.TryGetValue(permission, out var detail))
            {
                continue;
            }

            var ns = LeaseElection.NamespaceOf(_options.LeaderElection);
            var pod = new V1ObjectReference
            {
                ApiVersion = "v1", Kind = "Pod", Name = Identity, NamespaceProperty = ns,
            };
            var kubeEvent = NewEvent(
                ns, pod, "Warning", PermissionMissingReason, $"The API server refused to {permission}: {detail}");
            if (_options.DryRun)
            {
                continue;
            }

            try
            {
                await WriteAsync(
                    async t => await _api.CreateEventAsync(kubeEvent, t).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                Metrics.Writes.WithLabels("event").Inc();
            }
            catch (HttpOperationException e)
            {
                // Events may be refused too: the log line, the metric and MissingPermissions still say it.
                Metrics.Errors.WithLabels("report").Inc();
                Log.ControllerEventFailed(_logger, permission.ToString(), (int)e.Response.StatusCode);
            }
        }
    }

    private static Diagnostic PermissionDiagnostic(ResourceRef source, string message) =>
        Diagnostic.Error(PermissionMissingReason, source, null, message);
}

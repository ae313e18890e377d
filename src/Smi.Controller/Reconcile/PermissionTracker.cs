using System.Collections.Concurrent;
using System.Net;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Smi.Kube.Api;
using Smi.Kube.Rbac;

namespace Smi.Controller.Reconcile;

/// <summary>
/// The permissions the API server refused and has not granted since. Every refusal is logged (1100), counted
/// (<c>smi_controller_forbidden_total</c>) and shown while it lasts (<c>smi_controller_missing_permission</c>); each
/// newly missing permission waits to be told once in a Warning Event on the controller's Pod. Thread-safe: the
/// informers, the reconciler and the status reporter all note refusals and grants.
/// </summary>
/// <param name="metrics">The metrics.</param>
/// <param name="logger">The log.</param>
internal sealed class PermissionTracker(ControllerMetrics metrics, ILogger logger)
{
    private readonly ConcurrentDictionary<MissingPermission, string> _missing = new();
    private readonly ConcurrentQueue<MissingPermission> _untold = new();

    /// <summary>The permissions refused and not granted since, in order.</summary>
    public IReadOnlyList<MissingPermission> Missing =>
        [.. _missing.Keys.OrderBy(p => p.ToString(), StringComparer.Ordinal)];

    /// <summary>Notes a refusal: counted, shown, and logged and queued to be told when it is new.</summary>
    /// <param name="permission">The refused permission.</param>
    /// <param name="refused">The API server's answer.</param>
    public void NoteMissing(MissingPermission permission, HttpOperationException refused)
    {
        metrics.Forbidden.WithLabels(permission.Verb, permission.Group, permission.Resource, permission.Namespace)
            .Inc();
        metrics.MissingPermissions
            .WithLabels(permission.Verb, permission.Group, permission.Resource, permission.Namespace)
            .Set(1);
        var detail = MessageText.Truncate(refused.Response?.Content, 300);
        if (_missing.TryAdd(permission, detail))
        {
            Log.PermissionMissing(logger, permission.ToString(), detail);
            _untold.Enqueue(permission);
        }
    }

    /// <summary>Notes that a permission works (again), if it was missing.</summary>
    /// <param name="permission">The permission.</param>
    public void NoteGranted(MissingPermission permission)
    {
        if (_missing.TryRemove(permission, out _))
        {
            metrics.MissingPermissions
                .WithLabels(permission.Verb, permission.Group, permission.Resource, permission.Namespace)
                .Set(0);
            Log.PermissionGranted(logger, permission.ToString());
        }
    }

    /// <summary>
    /// Takes the next newly missing permission not yet told, with what the API server said; skips those granted
    /// since.
    /// </summary>
    /// <param name="permission">The permission.</param>
    /// <param name="detail">The API server's answer, shortened.</param>
    /// <returns>Whether there was one.</returns>
    public bool TryTakeUntold(out MissingPermission permission, out string detail)
    {
        while (_untold.TryDequeue(out permission!))
        {
            if (_missing.TryGetValue(permission, out detail!))
            {
                return true;
            }
        }

        detail = string.Empty;
        return false;
    }

    /// <summary>
    /// Runs a request; a 403 becomes a <see cref="ForbiddenException"/> naming the permission, and a success shows
    /// that the permission, if it was missing, is granted now.
    /// </summary>
    /// <typeparam name="T">What the request returns.</typeparam>
    /// <param name="verb">The request's verb.</param>
    /// <param name="group">The API group.</param>
    /// <param name="resource">The resource (with its subresource).</param>
    /// <param name="ns">The namespace, null for a cluster-wide request.</param>
    /// <param name="request">The request.</param>
    /// <returns>What the request returned.</returns>
    public async Task<T> PermittedAsync<T>(
        string verb, string group, string resource, string? ns, Func<Task<T>> request)
    {
        var permission = new MissingPermission(verb, group, resource, ns ?? string.Empty);
        try
        {
            var result = await request().ConfigureAwait(false);
            if (!_missing.IsEmpty)
            {
                NoteGranted(permission);
            }

            return result;
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.Forbidden)
        {
            NoteMissing(permission, e);
            throw new ForbiddenException(permission, e);
        }
    }

    /// <summary>Runs a request that returns nothing, as <see cref="PermittedAsync{T}"/> does.</summary>
    /// <param name="verb">The request's verb.</param>
    /// <param name="group">The API group.</param>
    /// <param name="resource">The resource (with its subresource).</param>
    /// <param name="ns">The namespace, null for a cluster-wide request.</param>
    /// <param name="request">The request.</param>
    /// <returns>A task that completes when the request has.</returns>
    public async Task PermittedAsync(string verb, string group, string resource, string? ns, Func<Task> request) =>
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
}

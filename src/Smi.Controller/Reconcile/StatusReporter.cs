using System.Globalization;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Smi.Abstractions;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Snapshot;
using Smi.Controller.Cache;
using Smi.Controller.Resilience;
using Smi.Kube.Api;
using Smi.Kube.Rbac;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Per SMI object: <c>Accepted</c>, <c>Translated</c> and <c>Ready</c> conditions, and Events, written only when they
/// change; and the controller-level Warning Event on its own Pod for each permission newly missing. Writes run in the
/// current term of leadership (<see cref="WriteFence"/>); refusals are noted in the <see cref="PermissionTracker"/>.
/// </summary>
internal sealed class StatusReporter
{
    /// <summary>The component name in Events.</summary>
    public const string Component = "smi-adapter";

    private readonly Dictionary<ResourceRef, ReportedState> _statusReported = [];
    private readonly Dictionary<ResourceRef, ReportedState> _eventsReported = [];
    private readonly HashSet<ResourceRef> _retryReports = [];
    private readonly HashSet<(ResourceRef Object, MissingPermission Permission)> _statusRefusals = [];
    private readonly Lock _gate = new();
    private readonly KubeApi _api;
    private readonly WriteFence _fence;
    private readonly PermissionTracker _permissions;
    private readonly IReadOnlySet<(string Group, string Plural)> _statusKinds;
    private readonly string _mesh;

    /// <summary>
    /// The message of a translated object's conditions, built once: a pass over a fleet reports it for every object.
    /// </summary>
    private readonly string _translatedMessage;
    private readonly string _identity;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly ControllerMetrics _metrics;
    private readonly TimeProvider _time;
    private int _reportFailures;
    private long _eventCounter;

    /// <summary>Creates a reporter.</summary>
    /// <param name="api">The API client.</param>
    /// <param name="fence">Runs every write in the current term of leadership.</param>
    /// <param name="permissions">Notes refused and granted permissions, and those to tell.</param>
    /// <param name="statusKinds">
    /// The SMI kinds (group and plural) whose CRD has a status subresource; filled by discovery before the first
    /// report.
    /// </param>
    /// <param name="mesh">The mesh.</param>
    /// <param name="identity">This instance's identity: the reporting instance of Events, and its Pod's name.</param>
    /// <param name="options">The settings.</param>
    /// <param name="logger">The log.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="time">The clock.</param>
    public StatusReporter(
        KubeApi api,
        WriteFence fence,
        PermissionTracker permissions,
        IReadOnlySet<(string Group, string Plural)> statusKinds,
        string mesh,
        string identity,
        ControllerOptions options,
        ILogger logger,
        ControllerMetrics metrics,
        TimeProvider time)
    {
        _api = api;
        _fence = fence;
        _permissions = permissions;
        _statusKinds = statusKinds;
        _mesh = mesh;
        _translatedMessage = $"Translated for {mesh}.";
        _identity = identity;
        _options = options;
        _logger = logger;
        _metrics = metrics;
        _time = time;
    }

    /// <summary>The SMI objects whose last report failed and is to be tried again; read from any thread.</summary>
    public IReadOnlyCollection<ResourceRef> RetryReports => _retryReports;

    /// <summary>
    /// How long to wait before trying the failed reports again: exponential in the failures in a row, at most
    /// <see cref="ControllerOptions.MaxQueueBackoff"/>; null when none failed.
    /// </summary>
    public TimeSpan? RetryDelay
    {
        get
        {
            if (_retryReports.Count == 0)
            {
                return null;
            }

            var backoff = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(_reportFailures, 10));
            return TimeSpan.FromMilliseconds(Math.Min(backoff, _options.MaxQueueBackoff.TotalMilliseconds));
        }
    }

    /// <summary>Forgets the failed reports, once a pass has taken them to report again.</summary>
    public void ClearRetryReports() => _retryReports.Clear();

    /// <summary>
    /// Reports on SMI objects: writes the conditions of each whose conditions changed (through the status
    /// subresource where its CRD has one) and emits its Events. A refused or failed status write is retried with
    /// backoff through <see cref="RetryReports"/>; leadership lost stops the report.
    /// </summary>
    /// <param name="snapshot">The pass's snapshot: the input diagnostics and which units read each object.</param>
    /// <param name="translation">The diagnostics of translation and of the writes.</param>
    /// <param name="refs">The objects to report on.</param>
    /// <param name="smiObjects">Finds an SMI object in the cache.</param>
    /// <param name="translated">The units translated in the pass.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task that completes when the report is written.</returns>
    public async Task ReportAsync(
        MeshSnapshot snapshot, IReadOnlyList<Diagnostic> translation, IEnumerable<ResourceRef> refs,
        Func<ResourceRef, CachedObject?> smiObjects, IReadOnlySet<UnitKey> translated,
        CancellationToken cancellationToken)
    {
        var all = refs.ToHashSet();
        var inputDiagnostics = snapshot.Diagnostics.Where(d => d.Object is not null).ToLookup(d => d.Object!);
        var outputDiagnostics = translation.Where(d => d.Object is not null).ToLookup(d => d.Object!);
        var pending = new List<PendingReport>();
        foreach (var reference in all.Order())
        {
            if (!_fence.IsLeading)
            {
                return;
            }

            if (smiObjects(reference) is not { } item || item.IsSkipped)
            {
                continue;
            }

            var units = snapshot.UnitsByInput.GetValueOrDefault(reference, []);
            if (units.Length > 0 && !translated.Overlaps(units))
            {
                // None of its units was translated in this pass: nothing new to say.
                continue;
            }

            var input = inputDiagnostics[reference].ToList();
            if (item.DecodeError is not null)
            {
                input.Add(Diagnostic.Error(SmiReasons.InvalidObject, reference, null,
                    $"{reference} could not be read: {item.DecodeError}"));
            }

            var output = outputDiagnostics[reference].ToList();
            var conditions = Conditions(input, output, units.Length > 0);
            var fingerprint = ObservedStatus.FingerprintOf(conditions, item.Generation);
            var observed = item.Status?.Fingerprint;
            var hasStatus = _statusKinds.Contains((item.Kind.Group, item.Kind.Plural)) && item.Namespace is not null;
            var state = new ReportedState(item.Uid, fingerprint);
            if (observed is { } earlier && !Remembers(_statusReported, reference, item.Uid)
                && !Remembers(_eventsReported, reference, item.Uid))
            {
                // What an earlier instance reported is in the status: do not repeat its Events after a restart.
                _eventsReported[reference] = new ReportedState(item.Uid, earlier);
            }

            var statusNeeded = hasStatus
                && observed != fingerprint
                && (!_statusReported.TryGetValue(reference, out var reported) || reported != state);
            var eventsNeeded = !_eventsReported.TryGetValue(reference, out var announced) || announced != state;
            if (statusNeeded || eventsNeeded)
            {
                var warnings = eventsNeeded
                    ? [.. input.Concat(output).Where(d => d.Severity >= DiagnosticSeverity.Warning)]
                    : new List<Diagnostic>();
                pending.Add(new PendingReport(item, conditions, state, statusNeeded, eventsNeeded, warnings));
            }
        }

        // Each object's status and Events are written in order; different objects' side by side.
        var stopped = 0;
        await BoundedWrites.ForEachAsync(
            pending.Count,
            _options.MaxConcurrentWrites,
            async index =>
            {
                if (Volatile.Read(ref stopped) == 0 && _fence.IsLeading
                    && !await WriteReportAsync(pending[index], cancellationToken).ConfigureAwait(false))
                {
                    // Leadership ended: the new leader reports from here.
                    Volatile.Write(ref stopped, 1);
                }
            }).ConfigureAwait(false);
    }

    /// <summary>
    /// Forgets what was reported on an SMI object that is gone, so that the memory of reports does not grow with every
    /// name ever used.
    /// </summary>
    /// <param name="reference">The object.</param>
    public void Forget(ResourceRef reference)
    {
        lock (_gate)
        {
            _statusReported.Remove(reference);
            _eventsReported.Remove(reference);
            _statusRefusals.RemoveWhere(r => r.Object == reference);
        }
    }

    /// <summary>Whether a report on this incarnation of the object is remembered.</summary>
    private static bool Remembers(
        Dictionary<ResourceRef, ReportedState> reports, ResourceRef reference, string? uid) =>
        reports.TryGetValue(reference, out var report) && string.Equals(report.Uid, uid, StringComparison.Ordinal);

    /// <summary>Writes one object's report: its status, then its Events.</summary>
    /// <returns>False when leadership was lost; the report stops.</returns>
    private async Task<bool> WriteReportAsync(PendingReport report, CancellationToken cancellationToken)
    {
        var (item, conditions, state, statusNeeded, eventsNeeded, warnings) = report;
        var reference = item.Ref;
        try
        {
            if (statusNeeded)
            {
                await WriteStatusAsync(item, conditions, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    _statusReported[reference] = state;
                }
            }

            if (eventsNeeded)
            {
                foreach (var diagnostic in warnings)
                {
                    var message = diagnostic.FieldPath is null
                        ? diagnostic.Message
                        : $"{diagnostic.FieldPath}: {diagnostic.Message}";
                    await EmitEventAsync(item, "Warning", diagnostic.Reason, message, cancellationToken)
                        .ConfigureAwait(false);
                }

                if (conditions.Any(c => c.Type == "Translated" && c.Status == "True"))
                {
                    await EmitEventAsync(
                        item, "Normal", "Translated", $"Translated for {_mesh}", cancellationToken)
                        .ConfigureAwait(false);
                }

                lock (_gate)
                {
                    _eventsReported[reference] = state;
                }
            }

            lock (_gate)
            {
                _reportFailures = 0;
            }
        }
        catch (LeadershipLostException)
        {
            return false;
        }
        catch (ForbiddenException e) when (e.Permission.Resource.EndsWith("/status", StringComparison.Ordinal))
        {
            // The status may not be written: say so in an Event (once per permission), try again with backoff.
            bool firstRefusal;
            lock (_gate)
            {
                _retryReports.Add(reference);
                _reportFailures++;
                firstRefusal = _statusRefusals.Add((reference, e.Permission));
            }

            _metrics.Errors.WithLabels("status").Inc();
            Log.ReportFailed(_logger, reference.ToString(), e);
            if (firstRefusal)
            {
                await TryEmitAsync(
                    item,
                    $"The controller may not {e.Permission}, so this object's conditions are not written; grant "
                        + $"{e.Permission.Verb} on {e.Permission.Resource} to the controller's ServiceAccount",
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ForbiddenException e)
        {
            // Events may not be written: the log, the metric and MissingPermissions say so; no retry.
            Log.ReportFailed(_logger, reference.ToString(), e);
            lock (_gate)
            {
                _eventsReported[reference] = state;
            }
        }
        catch (Exception e) when (TransientErrors.IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                _retryReports.Add(reference);
                _reportFailures++;
            }

            _metrics.Errors.WithLabels("report").Inc();
            Log.ReportFailed(_logger, reference.ToString(), e);
        }
        catch (HttpOperationException e)
        {
            // The object went away, or its CRD refuses the status: nothing a retry would change.
            _metrics.Errors.WithLabels("status").Inc();
            Log.ReportFailed(_logger, reference.ToString(), e);
            lock (_gate)
            {
                _statusReported[reference] = state;
                _eventsReported[reference] = state;
            }
        }

        return true;
    }

    private async Task TryEmitAsync(CachedObject item, string message, CancellationToken cancellationToken)
    {
        try
        {
            await EmitEventAsync(item, "Warning", SmiReasons.PermissionMissing, message, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is ForbiddenException or HttpOperationException
            || TransientErrors.IsTransient(e))
        {
            Log.ReportFailed(_logger, item.Ref.ToString(), e);
        }
    }

    private List<V1Condition> Conditions(List<Diagnostic> input, List<Diagnostic> output, bool referenced)
    {
        var inputError = input.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        var outputError = output.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        var accepted = inputError is null
            ? new V1Condition
            {
                Type = "Accepted",
                Status = "True",
                Reason = "Accepted",
                Message = "The object is valid.",
            }
            : new V1Condition
            {
                Type = "Accepted",
                Status = "False",
                Reason = inputError.Reason,
                Message = MessageText.Truncate(inputError.Message, 1000),
            };
        V1Condition translatedCondition;
        if (inputError is not null)
        {
            translatedCondition = new V1Condition
            {
                Type = "Translated",
                Status = "False",
                Reason = "NotAccepted",
                Message = "The object is not valid; see the Accepted condition.",
            };
        }
        else if (outputError is not null)
        {
            translatedCondition = new V1Condition
            {
                Type = "Translated",
                Status = "False",
                Reason = outputError.Reason,
                Message = MessageText.Truncate(outputError.Message, 1000),
            };
        }
        else if (!referenced)
        {
            translatedCondition = new V1Condition
            {
                Type = "Translated",
                Status = "False",
                Reason = "NotReferenced",
                Message = "No TrafficSplit or TrafficTarget uses this object, so it produces no output.",
            };
        }
        else
        {
            translatedCondition = new V1Condition
            {
                Type = "Translated",
                Status = "True",
                Reason = "Translated",
                Message = _translatedMessage,
            };
        }

        return [accepted, translatedCondition, ReadyCondition(accepted, translatedCondition)];
    }

    /// <summary>
    /// <c>Ready</c> sums the other two up, as tools that wait for <c>condition=Ready</c> expect: true when the object
    /// is accepted and translated, otherwise false with the reason and message of the first condition that is not.
    /// </summary>
    private V1Condition ReadyCondition(V1Condition accepted, V1Condition translated)
    {
        var blocking = accepted.Status != "True" ? accepted : translated.Status != "True" ? translated : null;
        return new V1Condition
        {
            Type = "Ready",
            Status = blocking is null ? "True" : "False",
            Reason = blocking?.Reason ?? "Translated",
            Message = blocking?.Message ?? _translatedMessage,
        };
    }

    private async Task WriteStatusAsync(
        CachedObject item, List<V1Condition> conditions, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var previous = item.Status?.Conditions ?? [];
        var entries = new List<StatusPatch.Entry>(conditions.Count);
        foreach (var condition in conditions)
        {
            var before = previous.FirstOrDefault(p => p.Type == condition.Type);
            var since = before is not null && before.Status == condition.Status && before.LastTransitionTime.Length > 0
                ? before.LastTransitionTime
                : now;
            entries.Add(new StatusPatch.Entry(
                condition.Type, condition.Status, condition.Reason, condition.Message, since));
        }

        var patch = StatusPatch.Write(entries, item.Generation);
        if (_options.DryRun)
        {
            Log.DryRunStatus(_logger, item.Ref.ToString(), patch);
            return;
        }

        await _permissions.PermittedAsync(
            "patch",
            item.Kind.Group,
            item.Kind.Plural + "/status",
            item.Namespace,
            () => _fence.WriteAsync(
                async t => await _api.PatchStatusAsync(
                    item.Kind, item.Namespace!, item.Name, patch, _options.FieldManager, t).ConfigureAwait(false),
                cancellationToken)).ConfigureAwait(false);
        _metrics.Writes.WithLabels("status").Inc();
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            Log.StatusWritten(
                _logger, item.Ref.ToString(),
                string.Join(", ", conditions.Select(c => $"{c.Type}={c.Status} ({c.Reason})")));
        }
    }

    private async Task EmitEventAsync(
        CachedObject item, string type, string reason, string message, CancellationToken cancellationToken)
    {
        var ns = item.Namespace ?? "default";
        var involved = new V1ObjectReference
        {
            ApiVersion = item.Kind.ApiVersion,
            Kind = item.Kind.Kind,
            Name = item.Name,
            NamespaceProperty = item.Namespace,
            Uid = item.Uid,
            ResourceVersion = item.ResourceVersion,
        };
        var kubeEvent = NewEvent(ns, involved, type, reason, message);
        if (_options.DryRun)
        {
            Log.DryRunEvent(_logger, item.Ref.ToString(), type, reason, message);
            return;
        }

        await _permissions.PermittedAsync(
            "create",
            string.Empty,
            "events",
            ns,
            () => _fence.WriteAsync(
                async t => await _api.CreateEventAsync(kubeEvent, t).ConfigureAwait(false),
                cancellationToken)).ConfigureAwait(false);
        _metrics.Writes.WithLabels("event").Inc();
    }

    /// <summary>A core v1 Event about an object, named after it, from this instance.</summary>
    private Corev1Event NewEvent(string ns, V1ObjectReference involved, string type, string reason, string message)
    {
        var now = _time.GetUtcNow();
        var suffix = $"{now.ToUnixTimeMilliseconds():x}{Interlocked.Increment(ref _eventCounter):x}";
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{involved.Name}.{suffix}"),
                NamespaceProperty = ns,
            },
            InvolvedObject = involved,
            Type = type,
            Reason = reason,
            Message = MessageText.Truncate(message, 1000),
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = _identity,
            FirstTimestamp = now.UtcDateTime,
            LastTimestamp = now.UtcDateTime,
            Count = 1,
        };
    }

    /// <summary>
    /// Tells each newly missing permission once in a Warning Event on the controller's own Pod (its identity in the
    /// namespace of its Lease, the <c>POD_NAMESPACE</c>): the controller-level report where no SMI object is affected.
    /// </summary>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task that completes when the Events are written.</returns>
    public async Task ReportMissingPermissionsAsync(CancellationToken cancellationToken)
    {
        while (_fence.IsLeading && _permissions.TryTakeUntold(out var permission, out var detail))
        {
            var ns = LeaseElection.NamespaceOf(_options.LeaderElection);
            var pod = new V1ObjectReference
            {
                ApiVersion = "v1", Kind = "Pod", Name = _identity, NamespaceProperty = ns,
            };
            var kubeEvent = NewEvent(
                ns,
                pod,
                "Warning",
                SmiReasons.PermissionMissing,
                $"The API server refused to {permission}: {detail}");
            if (_options.DryRun)
            {
                continue;
            }

            try
            {
                await _fence.WriteAsync(
                    async t => await _api.CreateEventAsync(kubeEvent, t).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                _metrics.Writes.WithLabels("event").Inc();
            }
            catch (HttpOperationException e)
            {
                // Events may be refused too: the log line, the metric and the missing permissions still say it.
                _metrics.Errors.WithLabels("report").Inc();
                Log.ControllerEventFailed(_logger, permission.ToString(), (int)e.Response.StatusCode);
            }
        }
    }

    /// <summary>What a pass writes about one SMI object: its conditions, and its Events' diagnostics.</summary>
    private sealed record PendingReport(
        CachedObject Item,
        List<V1Condition> Conditions,
        ReportedState State,
        bool Status,
        bool Events,
        List<Diagnostic> Warnings);
}

using System.Collections.Immutable;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Smi.Abstractions;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Controller.Cache;
using Smi.Controller.Resilience;
using Smi.Kube;
using Smi.Kube.Api;

namespace Smi.Controller.Reconcile;

/// <summary>
/// The controller without a host: discovery, the informers (held in an <see cref="InformerCache"/>), the unit work
/// queue and its reconcile passes (translation; each due unit is applied and pruned by the
/// <see cref="UnitReconciler"/>, and the <see cref="StatusReporter"/> writes conditions and Events), and the terms of
/// leadership that <see cref="LeaseElection"/> starts and ends (<see cref="WriteFence"/>). Start it against any
/// <see cref="IKubernetes"/>.
/// </summary>
public sealed partial class ControllerCore : IAsyncDisposable
{
    private readonly KubeApi _api;
    private readonly IMeshTranslator _translator;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _pipeline;
    private readonly UnitQueue _queue;
    private readonly InformerCache _cache;
    private readonly LeaseElection? _election;
    private readonly OutputWrites _outputWrites;
    private readonly WriteFence _fence;
    private readonly PermissionTracker _permissions;
    private readonly UnitReconciler _reconciler;
    private readonly StatusReporter _status;
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly Lock _pendingGate = new();
    private readonly HashSet<ResourceRef> _pendingRefs = [];
    private readonly HashSet<UnitKey> _pendingUnits = [];
    private readonly HashSet<UnitKey> _pendingGone = [];
    private readonly HashSet<ResourceRef> _pendingGoneRefs = [];
    private readonly List<Task> _tasks = [];
    private readonly ImmutableArray<string> _meshLabels;
    private CancellationTokenSource? _stopping;
    private MeshSnapshot _snapshot = new SnapshotBuilder([]).Build();
    private bool _everything;
    private volatile bool _busy;
    private volatile string _phase = "starting";
    private long _passes;
    private DateTimeOffset _nextResync;
    private (ImmutableArray<ResourceRef> Refs, ImmutableArray<UnitKey> Units, bool Everything) _taken =
        ([], [], false);

    /// <summary>Creates a controller.</summary>
    /// <param name="client">The API client.</param>
    /// <param name="translator">The mesh translator.</param>
    /// <param name="options">The settings.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    /// <param name="metrics">The metrics; new ones in a registry of their own when null.</param>
    public ControllerCore(
        IKubernetes client,
        IMeshTranslator translator,
        ControllerOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        ControllerMetrics? metrics = null)
        : this(client, translator, options, loggerFactory, timeProvider, metrics, null)
    {
    }

    /// <summary>Creates a controller that fills a cache the host made before it (and handed to its servers).</summary>
    internal ControllerCore(
        IKubernetes client,
        IMeshTranslator translator,
        ControllerOptions options,
        ILoggerFactory? loggerFactory,
        TimeProvider? timeProvider,
        ControllerMetrics? metrics,
        InformerCache? cache)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(translator);
        ArgumentNullException.ThrowIfNull(options);
        _cache = cache ?? new InformerCache(options);
        _api = new KubeApi(client);
        _translator = translator;
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Smi.Controller");
        _time = timeProvider ?? TimeProvider.System;
        Metrics = metrics ?? new ControllerMetrics();
        _pipeline = ApiPipeline.Create(options, _time, _logger, Metrics);
        _queue = new UnitQueue(_time, options.RetryBaseDelay, options.MaxQueueBackoff);
        _outputWrites = new OutputWrites(
            DriftFingerprint, QueueForOutput, QueueUnit, _time, options.WatchTimeout + options.RequestTimeout);
        _meshLabels = [
            .. options.OutputMeshLabels.Append(translator.Mesh).Where(l => !string.IsNullOrWhiteSpace(l))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _outputs = new ManagedOutputIndex(o =>
            o.Labels.GetValueOrDefault(GeneratedMetadata.ManagedByLabel) == GeneratedMetadata.ManagedByValue
            && _meshLabels.Contains(
                o.Labels.GetValueOrDefault(GeneratedMetadata.MeshLabel) ?? string.Empty, StringComparer.Ordinal));
        Identity = string.IsNullOrEmpty(options.Identity)
            ? $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}"
            : options.Identity;
        _fence = new WriteFence(_pipeline);
        _permissions = new PermissionTracker(Metrics, _logger);
        _reconciler = new UnitReconciler(
            _api, _pipeline, _fence, _permissions, _cache, _outputWrites, _outputKinds, _smiKinds, translator.Mesh,
            options, _logger, Metrics);
        _status = new StatusReporter(
            _api, _fence, _permissions, _statusKinds, translator.Mesh, Identity, options, _logger, Metrics, _time);
        _election = options.LeaderElection.Enabled
            ? new LeaseElection(client, options, translator.Mesh, Identity, SetLeader, _logger, _time)
            : null;
    }

    /// <summary>The informer cache, read-only: what the servers of the host list objects from.</summary>
    internal IClusterCache Cache => _cache;

    /// <summary>The component name in Events.</summary>
    public const string Component = StatusReporter.Component;

    /// <summary>The Lease name for a mesh when none is configured.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <returns><c>smi-adapter-&lt;mesh&gt;</c>.</returns>
    public static string DefaultLeaseName(string mesh) => LeaseElection.DefaultName(mesh);

    /// <summary>This instance's identity in Events and the Lease.</summary>
    public string Identity { get; }

    /// <summary>The metrics.</summary>
    public ControllerMetrics Metrics { get; }

    /// <summary>Whether every informer has listed once.</summary>
    public bool IsSynced => _cache.IsSynced;

    /// <summary>Whether this instance writes: it holds the Lease, or leader election is off.</summary>
    public bool IsLeader => _fence.IsLeading;

    /// <summary>Whether the controller is synced with nothing queued, pending or in progress.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_pendingGate)
            {
                return IsSynced && !_busy && !_everything && _pendingRefs.Count == 0 && _pendingUnits.Count == 0
                    && _pendingGone.Count == 0 && _pendingGoneRefs.Count == 0
                    && ((_queue.Count == 0 && _status.RetryReports.Count == 0) || !_fence.IsLeading);
            }
        }
    }

    /// <summary>How many reconcile passes have finished.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>The SMI kinds and versions the controller watches, as discovery found them.</summary>
    public IReadOnlyList<ResourceKind> WatchedSmiKinds => [.. _cache.Smi.Select(i => i.Kind).Distinct()];

    /// <summary>The output kinds the controller watches and prunes.</summary>
    public IReadOnlyList<ResourceKind> WatchedOutputKinds => [.. _outputKinds.Values];

    /// <summary>
    /// Discovers the served kinds, starts the informers, leader election and the reconcile loop, and returns.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the controller runs.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException("The controller was already started.");
        }

        _stopping = new CancellationTokenSource();
        await DiscoverAsync(cancellationToken).ConfigureAwait(false);
        CreateInformers();
        var token = _stopping.Token;
        foreach (var informer in AllInformers().Append(_crdInformer).OfType<Informer>())
        {
            var informerToken = _cache.Outputs.Contains(informer) ? OutputKindToken(informer.Kind) : token;
            _tasks.Add(Task.Run(() => informer.RunAsync(informerToken), CancellationToken.None));
        }

        _cache.Open();
        if (_election is not null)
        {
            _tasks.Add(Task.Run(() => _election.RunAsync(token), CancellationToken.None));
        }
        else
        {
            SetLeader(true);
        }

        _tasks.Add(Task.Run(() => RunLoopAsync(token), CancellationToken.None));
        Log.Started(_logger, _translator.Mesh, Identity, _options.DryRun);
    }

    /// <summary>
    /// Stops the loop, the informers and leader election, and waits for them; then, with leader election, releases
    /// the Lease if this instance holds it (not when the wait was given up: a write may still be under way).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when everything stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        var stopped = true;
        try
        {
            Task[] tasks;
            lock (_tasks)
            {
                tasks = [.. _tasks];
            }

            await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Tasks observe the stop token; anything still running is abandoned with the process.
            stopped = false;
        }

        SetLeader(false);
        if (_election is not null && stopped)
        {
            await _election.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.Stopped(_logger);
    }

    /// <summary>Reconciles every unit and reports every SMI object again, as the periodic resync does.</summary>
    public void RequestResync()
    {
        lock (_pendingGate)
        {
            _everything = true;
        }

        _signal.Release();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping?.Dispose();
        _signal.Dispose();
    }

    /// <summary>
    /// Starts or ends a term of leadership. Ending one cancels every write of the term that is still under way
    /// (see <see cref="WriteFence"/>); starting one reconciles everything, as the new leader cannot know what its
    /// predecessor finished.
    /// </summary>
    private void SetLeader(bool leader)
    {
        _fence.SetLeading(leader);
        Metrics.Leader.Set(leader ? 1 : 0);
        if (leader)
        {
            RequestResync();
        }
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        _nextResync = _time.GetUtcNow() + _options.ResyncPeriod;
        var waitedForSync = false;
        var lastPass = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (!waitedForSync)
                {
                    // Nothing is reconciled until every informer has listed: a partial cache would prune live outputs.
                    while (!IsSynced)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
                    }

                    waitedForSync = true;
                    RequestResync();
                }

                // Leading edge: the first change after a quiet spell starts a pass at once; the changes that arrive
                // while it runs are taken together by the next one.
                _phase = "waiting for work";
                await WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
                _busy = true;
                _phase = "pass";
                var sincePass = _time.GetUtcNow() - lastPass;
                if (_options.Debounce > sincePass)
                {
                    await Task.Delay(_options.Debounce - sincePass, _time, cancellationToken).ConfigureAwait(false);
                }

                lastPass = _time.GetUtcNow();
                await ReconcilePassAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (LeadershipLostException)
            {
                // A write outside the unit loop found leadership gone: the new leader takes the work from here.
                Log.WritesStopped(_logger);
            }
            catch (Exception e)
            {
                // A bug in one pass must not stop the controller: the work that pass took is tried again after a
                // pause, and nothing more (units are isolated inside the pass; this is the last line of defence).
                Log.PassFailed(_logger, e);
                Metrics.Errors.WithLabels("pass").Inc();
                ReturnTaken();
                await Task.Delay(_options.RetryBaseDelay * 10, _time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _busy = false;
                Interlocked.Increment(ref _passes);
            }
        }
    }

    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_options.ResyncPeriod > TimeSpan.Zero && now >= _nextResync)
        {
            _nextResync = now + _options.ResyncPeriod;
            RequestResync();
        }

        var wait = TimeSpan.FromSeconds(30);
        if (_options.ResyncPeriod > TimeSpan.Zero)
        {
            wait = Min(wait, _nextResync - now);
        }

        if (_fence.IsLeading && _queue.NextDue is { } due)
        {
            wait = Min(wait, due - now);
        }

        if (_fence.IsLeading && _status.RetryDelay is { } retry)
        {
            wait = Min(wait, retry);
        }

        if (wait > TimeSpan.Zero)
        {
            await _signal.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }

        // Several signals may have piled up; one pass handles them all.
        while (_signal.CurrentCount > 0 && _signal.Wait(0, CancellationToken.None))
        {
        }
    }

    /// <summary>
    /// What the controller holds and does now, for diagnostics: the loop's phase, what is pending and queued, and each
    /// informer's progress.
    /// </summary>
    internal string DescribeState()
    {
        var lines = new List<string>();
        lock (_pendingGate)
        {
            lines.Add($"phase: {_phase}; passes {Passes}; busy {_busy}; synced {IsSynced}; leading {_fence.IsLeading}");
            lines.Add($"pending: everything {_everything}, refs [{string.Join(", ", _pendingRefs)}], units "
                + $"[{string.Join(", ", _pendingUnits)}], gone [{string.Join(", ", _pendingGone)}], gone refs "
                + $"[{string.Join(", ", _pendingGoneRefs)}]");
        }

        try
        {
            lines.Add($"queue: {_queue.Count} units, next due {_queue.NextDue:O} (now {_time.GetUtcNow():O}); "
                + $"status retries {_status.RetryReports.Count}");
        }
        catch (InvalidOperationException)
        {
            // The loop changed the queue while it was read (only the loop may use it): the rest still tells.
            lines.Add("queue: changing");
        }

        lines.AddRange(AllInformers().Append(_crdInformer).OfType<Informer>().Select(i => "informer " + i.Progress));
        return string.Join(Environment.NewLine, lines);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// Queues the units of changed inputs. Those of deleted inputs are queued after
    /// <see cref="ControllerOptions.RetryBaseDelay"/>, as those of deleted outputs are: a deletion is often one of a
    /// cascade (a namespace being deleted, the garbage collector), whose cause arrives on another watch.
    /// </summary>
    private void Enqueue(IEnumerable<ResourceRef> refs, IEnumerable<ResourceRef> goneRefs)
    {
        lock (_pendingGate)
        {
            _pendingRefs.UnionWith(refs);
            _pendingGoneRefs.UnionWith(goneRefs);
        }

        _signal.Release();
    }

    /// <summary>
    /// Queues the unit of an output someone else changed. One that was deleted is queued after
    /// <see cref="ControllerOptions.RetryBaseDelay"/>: what deleted it (its SMI object deleted, its namespace being
    /// deleted) is often seen on another watch a moment later, and then the unit must not re-create it.
    /// </summary>
    private void QueueForOutput(UnitKey unit, ObjectChange change)
    {
        lock (_pendingGate)
        {
            (change.New is null ? _pendingGone : _pendingUnits).Add(unit);
        }

        _signal.Release();
    }

    /// <summary>Queues a unit at once: one that waited for the echo of a write and waits no more.</summary>
    private void QueueUnit(UnitKey unit)
    {
        lock (_pendingGate)
        {
            _pendingUnits.Add(unit);
        }

        _signal.Release();
    }

    /// <summary>The units whose outputs someone else deleted, and the deleted inputs, since the last pass.</summary>
    private (List<UnitKey> Units, List<ResourceRef> Refs) TakeGone()
    {
        lock (_pendingGate)
        {
            (List<UnitKey>, List<ResourceRef>) gone = ([.. _pendingGone], [.. _pendingGoneRefs]);
            _pendingGone.Clear();
            _pendingGoneRefs.Clear();
            return gone;
        }
    }

    private (ImmutableArray<ResourceRef> Refs, ImmutableArray<UnitKey> Units, bool Everything) TakePending()
    {
        lock (_pendingGate)
        {
            (ImmutableArray<ResourceRef>, ImmutableArray<UnitKey>, bool) result = (
                [.. _pendingRefs], [.. _pendingUnits], _everything);
            _pendingRefs.Clear();
            _pendingUnits.Clear();
            _everything = false;
            _taken = result;
            return result;
        }
    }

    /// <summary>Puts back what the last pass took, so that a failed pass loses no work.</summary>
    private void ReturnTaken()
    {
        lock (_pendingGate)
        {
            _pendingRefs.UnionWith(_taken.Refs);
            _pendingUnits.UnionWith(_taken.Units);
            _everything |= _taken.Everything;
        }

        _signal.Release();
    }
}

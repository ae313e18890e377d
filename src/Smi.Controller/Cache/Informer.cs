using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Polly;
using Smi.Controller.Resilience;
using Smi.Kube;
using Smi.Kube.Api;
using Smi.Kube.Rbac;

namespace Smi.Controller.Cache;

/// <summary>
/// Lists one kind, then watches it from the list's resource version, keeping a cache and reporting changes. A watch
/// that ends is reopened from the last resource version seen (bookmarks included); 410 Gone, an ERROR event or repeated
/// failures cause a relist, diffed against the cache so only real changes are reported. With <see cref="Name"/> set it
/// reads that one cluster-scoped object by <c>get</c> every <see cref="PollInterval"/> instead (a Namespace, which a
/// Role in that namespace lets the controller read where it may not list Namespaces).
/// A 403 answer marks the informer forbidden (<see cref="Missing"/>) and settled, so the rest of the controller goes
/// on without it; the request is tried again with exponential backoff up to <c>MaxQueueBackoff</c>.
/// </summary>
internal sealed class Informer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CachedObject> _items = new(StringComparer.Ordinal);
    private readonly KubeApi _api;
    private readonly Func<ResourceKind, JsonElement, CachedObject?, CachedObject> _decode;
    private readonly Action<IReadOnlyList<ObjectChange>> _onChanges;
    private readonly ListPager _pager;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ControllerMetrics _metrics;
    private readonly ResiliencePipeline _pipeline;
    private volatile bool _synced;
    private volatile MissingPermission? _missing;
    private volatile string? _seenVersion;
    private long _events;

    public Informer(
        ResourceKind kind,
        string? ns,
        string? labelSelector,
        KubeApi api,
        Func<ResourceKind, JsonElement, CachedObject?, CachedObject> decode,
        Action<IReadOnlyList<ObjectChange>> onChanges,
        ResiliencePipeline pipeline,
        ControllerOptions options,
        ILogger logger,
        TimeProvider time,
        ControllerMetrics metrics)
    {
        Kind = kind;
        Namespace = ns;
        LabelSelector = labelSelector;
        _api = api;
        _decode = decode;
        _onChanges = onChanges;
        _pager = new ListPager(api, pipeline, metrics, logger);
        _options = options;
        _logger = logger;
        _time = time;
        _metrics = metrics;
        _pipeline = pipeline;
    }

    /// <summary>The one object to read by <c>get</c> instead of a list and watch; null lists and watches.</summary>
    public string? Name { get; init; }

    /// <summary>How often <see cref="Name"/> is read again.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Called when a request is refused with 403 (the first time after a success).</summary>
    public Action<Informer, MissingPermission, HttpOperationException>? Forbidden { get; init; }

    /// <summary>Called when a request succeeds after a 403.</summary>
    public Action<Informer, MissingPermission>? Granted { get; init; }

    /// <summary>The permission a refused request needed, while the refusal lasts; null otherwise.</summary>
    public MissingPermission? Missing => _missing;

    public ResourceKind Kind { get; }

    public string? Namespace { get; }

    public string? LabelSelector { get; }

    /// <summary>Whether the first list (or get) is done, or was refused with 403 and holds nothing.</summary>
    public bool Synced => _synced;

    /// <summary>What the informer has seen, for diagnostics: its last resource version and how many events.</summary>
    public string Progress => $"{Kind} in {Namespace ?? "*"}: synced {Synced}, {Count} cached, version "
        + $"{_seenVersion ?? "none"}, {Interlocked.Read(ref _events)} events";

    private int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public IReadOnlyList<CachedObject> Items()
    {
        lock (_gate)
        {
            return [.. _items.Values];
        }
    }

    public CachedObject? Find(string? ns, string name)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(CachedObject.KeyOf(ns, name));
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Name is not null)
        {
            await PollAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        string? resourceVersion = null;
        var relist = true;
        var failures = 0;
        var refusals = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var verb = relist ? "list" : "watch";
            try
            {
                if (relist)
                {
                    var list = await _pager
                        .ListAsync(Kind, Namespace, LabelSelector, _options.ListPageSize, Read, cancellationToken)
                        .ConfigureAwait(false);
                    Replace(list.Items);
                    resourceVersion = list.ResourceVersion;
                    _seenVersion = resourceVersion;
                    relist = false;
                    _synced = true;
                    Allowed();
                    refusals = 0;
                    Log.Listed(
                        _logger, Kind.ToString(), Namespace ?? "*", list.Items.Count, resourceVersion ?? string.Empty);
                }

                (resourceVersion, relist) = await WatchOnceAsync(resourceVersion, cancellationToken)
                    .ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (RefusedBy(e) is { } refused)
            {
                // Not transient, and no reason to hammer the server: settle without the kind, retry with backoff.
                relist = true;
                Refuse(verb, Namespace ?? string.Empty, refused);
                if (!await BackOffAsync(++refusals, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpOperationException { Response.StatusCode: HttpStatusCode.Gone }
                or WatchFailedException { Expired: true })
            {
                Log.WatchExpired(_logger, Kind.ToString(), Namespace ?? "*");
                _metrics.Errors.WithLabels("expired").Inc();
                relist = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failures++;
                _metrics.Errors.WithLabels(TransientErrors.IsTransient(e) ? "watch-transient" : "watch").Inc();
                Log.WatchFailed(_logger, Kind.ToString(), Namespace ?? "*", failures, e);

                // Reopening from the same version keeps working through short outages; a list resets a cache that may
                // have drifted.
                relist |= failures >= 3;
                var delay = TimeSpan.FromMilliseconds(
                    Math.Min(
                        _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 10)), 30_000) * (
                        0.8 + (Random.Shared.NextDouble() * 0.4)));
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>The 403 answer behind an error, if it is one (a refused watch comes wrapped).</summary>
    internal static HttpOperationException? RefusedBy(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>Reads <see cref="Name"/> now and every <see cref="PollInterval"/>; a 404 is an empty cache.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var refusals = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var found = await _pipeline.ExecuteAsync(
                    async t => await _api.GetClusterObjectAsync(Kind, Name!, t).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                Replace(found is { } item ? [item] : []);
                _synced = true;
                Allowed();
                refusals = 0;
                await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (RefusedBy(e) is { } refused)
            {
                // RBAC takes a get of namespace N to be made in namespace N, so a Role there can allow it.
                Refuse("get", Kind.Plural == "namespaces" ? Name! : string.Empty, refused);
                if (!await BackOffAsync(++refusals, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception e)
                when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _metrics.Errors.WithLabels(TransientErrors.IsTransient(e) ? "watch-transient" : "watch").Inc();
                Log.WatchFailed(_logger, Kind.ToString(), Name!, 1, e);
                if (!await BackOffAsync(1, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }
            }
        }
    }

    private void Refuse(string verb, string ns, HttpOperationException refused)
    {
        var permission = new MissingPermission(verb, Kind.Group, Kind.Plural, ns);
        _synced = true;
        if (_missing != permission)
        {
            _missing = permission;
            Forbidden?.Invoke(this, permission, refused);
        }
    }

    private void Allowed()
    {
        if (_missing is { } missing)
        {
            _missing = null;
            Granted?.Invoke(this, missing);
        }
    }

    /// <summary>Waits before the next try after a refusal: exponential, jittered, at most MaxQueueBackoff.</summary>
    /// <returns><see langword="false"/> when the wait was cancelled.</returns>
    private async Task<bool> BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        var grown = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
        var capped = Math.Min(grown, Math.Max(_options.MaxQueueBackoff.TotalMilliseconds, 1));
        try
        {
            var jittered = TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
            await Task.Delay(jittered, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<(string? ResourceVersion, bool Relist)> WatchOnceAsync(
        string? resourceVersion, CancellationToken cancellationToken)
    {
        // A watch that goes quiet for longer than the server was asked to keep it open is dead: reopen it. The server
        // ends each watch at timeoutSeconds, as client-go's reflector asks it to
        // (https://github.com/kubernetes/client-go/blob/master/tools/cache/reflector.go); a stream that sends nothing
        // past that, not even a bookmark, is a connection that died on the way.
        var quiet = _options.WatchTimeout + _options.RequestTimeout;
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        watchdog.CancelAfter(quiet);
        var timeoutSeconds = (int)Math.Max(1, _options.WatchTimeout.TotalSeconds);
        try
        {
            await foreach (var item in _api.WatchAsync(
                Kind, Namespace, LabelSelector, resourceVersion, timeoutSeconds, watchdog.Token).ConfigureAwait(false))
            {
                watchdog.CancelAfter(quiet);
                Interlocked.Increment(ref _events);
                switch (item.Type)
                {
                    case WatchEventType.Error:
                        Log.WatchErrorEvent(_logger, Kind.ToString(), Namespace ?? "*", item.Object.GetRawText());
                        _metrics.Errors.WithLabels("expired").Inc();
                        return (resourceVersion, true);
                    case WatchEventType.Bookmark:
                        resourceVersion = VersionOf(item.Object) ?? resourceVersion;
                        break;
                    case WatchEventType.Deleted:
                        resourceVersion = VersionOf(item.Object) ?? resourceVersion;
                        Remove(CachedObject.KeyOf(Kind, item.Object));
                        break;
                    default:
                        resourceVersion = VersionOf(item.Object) ?? resourceVersion;
                        Upsert(item.Object);
                        break;
                }

                _seenVersion = resourceVersion;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.WatchQuiet(_logger, Kind.ToString(), Namespace ?? "*");
        }

        return (resourceVersion, false);
    }

    private static string? VersionOf(JsonElement obj) =>
        obj.ValueKind == JsonValueKind.Object
        && obj.TryGetProperty("metadata", out var metadata)
        && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("resourceVersion", out var rv)
        && rv.ValueKind == JsonValueKind.String
            ? rv.GetString()
            : null;

    /// <summary>
    /// One listed object as the cache takes it: its key, and its new state when its resource version differs from the
    /// cached one (null when it is the same). Read as its page arrives, so that the page's JSON need not be kept.
    /// </summary>
    private (string Key, CachedObject? Changed) Read(JsonElement json)
    {
        // Only this informer's loop writes the cache: the state found here is still the one replaced later.
        var key = CachedObject.KeyOf(Kind, json);
        var old = Cached(key);
        var version = VersionOf(json) ?? string.Empty;
        return old is null || !string.Equals(old.ResourceVersion, version, StringComparison.Ordinal)
            ? (key, _decode(Kind, json, old))
            : (key, null);
    }

    private void Replace(IReadOnlyList<JsonElement> items) => Replace([.. items.Select(Read)]);

    private void Replace(List<(string Key, CachedObject? Changed)> items)
    {
        var changes = new List<ObjectChange>();
        lock (_gate)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, item) in items)
            {
                seen.Add(key);
                if (item is not null)
                {
                    var old = _items.GetValueOrDefault(key);
                    _items[FilingKey(key, item)] = item;
                    changes.Add(new ObjectChange(old, item));
                }
            }

            foreach (var gone in _items.Keys.Where(k => !seen.Contains(k)).ToList())
            {
                changes.Add(new ObjectChange(_items[gone], null));
                _items.Remove(gone);
            }
        }

        if (changes.Count > 0)
        {
            _onChanges(changes);
        }
    }

    private void Upsert(JsonElement json)
    {
        // Only this informer's loop writes the cache: the state found here is still the one replaced below.
        var key = CachedObject.KeyOf(Kind, json);
        var old = Cached(key);
        var item = _decode(Kind, json, old);
        lock (_gate)
        {
            _items[FilingKey(key, item)] = item;
        }

        _onChanges([new ObjectChange(old, item)]);
    }

    /// <summary>
    /// The text to file an item under: its own key (the same text as the one read to look it up), so that the map and
    /// the item share one string instead of holding a copy each.
    /// </summary>
    private static string FilingKey(string key, CachedObject item) =>
        string.Equals(item.Key, key, StringComparison.Ordinal) ? item.Key : key;

    private CachedObject? Cached(string key)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    private void Remove(string key)
    {
        CachedObject? old;
        lock (_gate)
        {
            if (!_items.Remove(key, out old))
            {
                return;
            }
        }

        _onChanges([new ObjectChange(old, null)]);
    }
}

using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Polly;
using Smi.Controller.Kube;
using Smi.Controller.Resilience;

namespace Smi.Controller.Cache;

/// <summary>
/// Lists one kind, then watches it from the list's resource version, keeping a cache and reporting changes. A watch that
/// ends is reopened from the last resource version seen (bookmarks included); 410 Gone, an ERROR event or repeated
/// failures cause a relist, diffed against the cache so only real changes are reported.
/// </summary>
internal sealed class Informer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CachedObject> _items = new(StringComparer.Ordinal);
    private readonly KubeApi _api;
    private readonly Func<ResourceKind, JsonElement, CachedObject> _decode;
    private readonly Action<IReadOnlyList<ObjectChange>> _onChanges;
    private readonly ListPager _pager;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ControllerMetrics _metrics;
    private volatile bool _synced;

    public Informer(
        ResourceKind kind,
        string? ns,
        string? labelSelector,
        KubeApi api,
        Func<ResourceKind, JsonElement, CachedObject> decode,
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
    }

    public ResourceKind Kind { get; }

    public string? Namespace { get; }

    public string? LabelSelector { get; }

    public bool Synced => _synced;

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
            return _items.GetValueOrDefault(ns is null ? name : ns + "/" + name);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        string? resourceVersion = null;
        var relist = true;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (relist)
                {
                    var list = await _pager
                        .ListAsync(Kind, Namespace, LabelSelector, _options.ListPageSize, cancellationToken)
                        .ConfigureAwait(false);
                    Replace(list.Items);
                    resourceVersion = list.ResourceVersion;
                    relist = false;
                    _synced = true;
                    Log.Listed(_logger, Kind.ToString(), Namespace ?? "*", list.Items.Count, resourceVersion ?? string.Empty);
                }

                (resourceVersion, relist) = await WatchOnceAsync(resourceVersion, cancellationToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is HttpOperationException { Response.StatusCode: HttpStatusCode.Gone } or WatchFailedException { Expired: true })
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

                // Reopening from the same version keeps working through short outages; a list resets a cache that may have drifted.
                relist |= failures >= 3;
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 10)), 30_000) * (0.8 + (Random.Shared.NextDouble() * 0.4)));
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

    private async Task<(string? ResourceVersion, bool Relist)> WatchOnceAsync(string? resourceVersion, CancellationToken cancellationToken)
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
            await foreach (var item in _api.WatchAsync(Kind, Namespace, LabelSelector, resourceVersion, timeoutSeconds, watchdog.Token).ConfigureAwait(false))
            {
                watchdog.CancelAfter(quiet);
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
                        Remove(_decode(Kind, item.Object));
                        break;
                    default:
                        resourceVersion = VersionOf(item.Object) ?? resourceVersion;
                        Upsert(_decode(Kind, item.Object));
                        break;
                }
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

    private void Replace(IReadOnlyList<JsonElement> items)
    {
        var changes = new List<ObjectChange>();
        lock (_gate)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var json in items)
            {
                var item = _decode(Kind, json);
                seen.Add(item.Key);
                var old = _items.GetValueOrDefault(item.Key);
                if (old is null || !string.Equals(old.ResourceVersion, item.ResourceVersion, StringComparison.Ordinal))
                {
                    _items[item.Key] = item;
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

    private void Upsert(CachedObject item)
    {
        CachedObject? old;
        lock (_gate)
        {
            old = _items.GetValueOrDefault(item.Key);
            _items[item.Key] = item;
        }

        _onChanges([new ObjectChange(old, item)]);
    }

    private void Remove(CachedObject item)
    {
        CachedObject? old;
        lock (_gate)
        {
            if (!_items.Remove(item.Key, out old))
            {
                return;
            }
        }

        _onChanges([new ObjectChange(old, null)]);
    }
}

using Smi.Controller.Cache;
using Smi.Kube;
using Smi.Kube.Api;

namespace Smi.Controller.Reconcile;

/// <summary>
/// Output kinds whose CRD is installed or removed while the controller runs. A watch on CustomResourceDefinitions
/// notes each change to the CRD of a configured output kind; the next pass starts the kind's informers (and waits for
/// their first list) when the CRD now serves one of the listed versions, and stops them when it no longer does. A
/// removed kind is reported on every SMI object that wants an output of it (<c>OutputKindRemoved</c>), with a Warning
/// Event and a log line, and is not retried: its CRD coming back is what starts it again. Deleting a CRD deletes its
/// objects (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/, "Delete a
/// CustomResourceDefinition"), so nothing of that kind is left to prune.
/// </summary>
public sealed partial class ControllerCore
{
    private static readonly ResourceKind CustomResourceDefinitions =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);

    private readonly Dictionary<(string Group, string Kind), CancellationTokenSource> _outputKindStops = [];
    private Informer? _crdInformer;
    private int _crdsChanged;

    /// <summary>The output kinds the options list, in order of preference per kind.</summary>
    private List<ResourceKind> ConfiguredOutputKinds() => [.. _options.OutputKinds];

    /// <summary>
    /// Creates the CRD watch, unless CRDs cannot be read (then the kinds discovery found are all there is).
    /// </summary>
    private void CreateCrdInformer()
    {
        if (_crdUnreadable || !_options.WatchCrds)
        {
            return;
        }

        _crdInformer = new Informer(
            CustomResourceDefinitions,
            null,
            null,
            _api,
            Reader(new CacheReading { KeepsContent = true }),
            OnCrdChanges,
            _pipeline,
            _options,
            _logger,
            _time,
            Metrics)
        {
            Forbidden = OnInformerForbidden,
            Granted = OnInformerGranted,
        };
    }

    private void OnCrdChanges(IReadOnlyList<ObjectChange> changes)
    {
        var configured = ConfiguredOutputKinds();
        var names = configured.Select(CrdNameOf).ToHashSet(StringComparer.Ordinal);
        if (_crdInformer?.Synced != true)
        {
            // The first list: discovery read these CRDs a moment ago; only a kind it did not find is news.
            var watched = _outputKinds.Watched;
            names = configured.Where(k => !watched.ContainsKey((k.Group, k.Kind)))
                .Select(CrdNameOf)
                .ToHashSet(StringComparer.Ordinal);
        }

        if (changes.Any(c => names.Contains(c.Current.Name)))
        {
            Interlocked.Exchange(ref _crdsChanged, 1);
            _signal.Release();
        }
    }

    private static string CrdNameOf(ResourceKind kind) => $"{kind.Plural}.{kind.Group}";

    /// <summary>Starts and stops output kinds after CRD changes; runs at the start of a pass, on its thread.</summary>
    private async Task SyncOutputKindsAsync(CancellationToken cancellationToken)
    {
        if (_crdInformer is null || Interlocked.Exchange(ref _crdsChanged, 0) == 0)
        {
            return;
        }

        // A CRD being deleted serves its kind no longer for writes that matter: its objects are going.
        var crds = _crdInformer.Items()
            .Where(c => !c.IsTerminating)
            .ToDictionary(
                c => c.Name,
                c => CrdVersions.Parse(c.ParseContent() ?? [], c.Name),
                StringComparer.Ordinal);
        var chosen = new Dictionary<(string Group, string Kind), (ResourceKind Kind, CrdVersions Crd)>();
        foreach (var kind in ConfiguredOutputKinds())
        {
            if (!chosen.ContainsKey((kind.Group, kind.Kind))
                && crds.TryGetValue(CrdNameOf(kind), out var crd)
                && crd.Served.Contains(kind.Version))
            {
                chosen[(kind.Group, kind.Kind)] = (kind, crd);
            }
        }

        var changed = false;
        var started = new List<Informer>();
        var watching = _outputKinds.Watched;
        var stale = watching.Keys.Where(k => !chosen.TryGetValue(k, out var c) || c.Kind != watching[k]);
        foreach (var key in stale.ToList())
        {
            StopOutputKind(key, chosen.ContainsKey(key));
            changed = true;
        }

        foreach (var (key, (kind, crd)) in chosen)
        {
            _outputKinds.SetCrd(key, crd);
            if (!_outputKinds.ContainsKey(key))
            {
                started.AddRange(StartOutputKind(kind));
                changed = true;
            }
        }

        if (started.Count > 0)
        {
            // Its outputs are compared and pruned only once their informers hold them.
            await WaitForSyncAsync(started, cancellationToken).ConfigureAwait(false);
        }

        if (changed)
        {
            RequestResync();
        }
    }

    private List<Informer> StartOutputKind(ResourceKind kind)
    {
        var namespaces = _options.Namespaces
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        List<string?> scopes = kind.Namespaced && namespaces.Count > 0 ? [.. namespaces] : [null];
        var informers = scopes.Select(ns => NewInformer(kind, ns, OutputSelector)).ToList();
        var token = OutputKindToken(kind);
        _cache.Outputs = [.. _cache.Outputs, .. informers];
        _outputKinds.Watch(kind, null);
        lock (_tasks)
        {
            _tasks.AddRange(informers.Select(i => Task.Run(() => i.RunAsync(token), CancellationToken.None)));
        }

        Log.OutputKindAdded(_logger, kind.ToString());
        return informers;
    }

    /// <summary>Ends when the controller stops or the kind's CRD goes: what the kind's informers run with.</summary>
    private CancellationToken OutputKindToken(ResourceKind kind)
    {
        var key = (kind.Group, kind.Kind);
        if (!_outputKindStops.TryGetValue(key, out var stop))
        {
            stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping!.Token);
            _outputKindStops[key] = stop;
        }

        return stop.Token;
    }

    /// <summary>Stops watching a kind; <paramref name="replaced"/> when another version of it is watched.</summary>
    private void StopOutputKind((string Group, string Kind) key, bool replaced)
    {
        var kind = _outputKinds.Watched[key];
        if (_outputKindStops.Remove(key, out var stop))
        {
            // Not disposed: the kind's informer tasks may still be unwinding with its token.
            stop.Cancel();
        }

        _cache.Outputs = [.. _cache.Outputs.Where(i => (i.Kind.Group, i.Kind.Kind) != key)];

        // Its objects' events stop here (the deletions of a removed CRD's objects included): what was applied is
        // no longer known, and is compared afresh once the kind is watched again.
        _outputWrites.ForgetKind(key.Group, key.Kind);
        _outputKinds.Unwatch(key, replaced ? null : CrdNameOf(kind));
        _outputs.ForgetKind(key.Group, key.Kind);
        if (!replaced)
        {
            Log.OutputKindRemoved(_logger, kind.ToString(), CrdNameOf(kind));
        }
    }

    private async Task WaitForSyncAsync(List<Informer> informers, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + (_options.RequestTimeout * 3);
        while (!informers.All(i => i.Synced) && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
        }
    }
}

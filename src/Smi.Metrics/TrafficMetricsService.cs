using Smi.Abstractions.Selectors;
using System.Globalization;
using Smi.Metrics.Inventory;
using Smi.Metrics.Model;
using Smi.Metrics.Prometheus;
using Smi.Metrics.Queries;

namespace Smi.Metrics;

/// <summary>
/// Computes TrafficMetrics and TrafficMetricsList objects, in the shape of the requested version, from Prometheus
/// through one mesh's queries. Counts are <c>increase()</c> over the window; latencies are histogram quantiles over
/// <c>rate()</c> in milliseconds. The window is widened to four scrape intervals when it is shorter (see
/// <see cref="WindowPlan"/>), and the item says so. A resource with no traffic gets zero counts and no latencies
/// (<c>"value": null</c>); counts that the series cannot give (too few samples in the window, a Consul service
/// without request metrics) are absent too, with the reason in <see cref="MetricsAnnotations.MissingData"/>. The
/// evaluation time is the current time (whole seconds), which is also the served <c>timestamp</c>.
/// </summary>
public sealed class TrafficMetricsService
{
    private readonly IPrometheusClient prometheus;
    private readonly IResourceDirectory directory;
    private readonly TimeProvider timeProvider;
    private readonly ScrapeIntervalSource scrapeInterval;

    /// <summary>Creates the service.</summary>
    /// <param name="prometheus">Runs the queries.</param>
    /// <param name="queries">The mesh's query provider.</param>
    /// <param name="directory">Which objects exist, for lists and trafficsplits.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="options">How windows fit the scrape interval; defaults when <see langword="null"/>.</param>
    public TrafficMetricsService(
        IPrometheusClient prometheus,
        IMeshMetricsQueries queries,
        IResourceDirectory directory,
        TimeProvider? timeProvider = null,
        TrafficMetricsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(directory);
        this.prometheus = prometheus;
        Queries = queries;
        this.directory = directory;
        this.timeProvider = timeProvider ?? TimeProvider.System;
        options ??= new TrafficMetricsOptions();
        scrapeInterval = new ScrapeIntervalSource(prometheus, options, this.timeProvider);
    }

    /// <summary>The window a request for <paramref name="window"/> is served with.</summary>
    /// <param name="window">The window asked for.</param>
    /// <param name="cancellationToken">Cancels reading Prometheus' configuration.</param>
    /// <returns>The plan: the effective window and why it differs, if it does.</returns>
    public Task<WindowPlan> PlanWindowAsync(MetricsWindow window, CancellationToken cancellationToken) =>
        scrapeInterval.PlanAsync(window, cancellationToken);

    /// <summary>The mesh's query provider.</summary>
    public IMeshMetricsQueries Queries { get; }

    /// <summary>The metrics of one resource (not a trafficsplit; see <see cref="GetTrafficSplitAsync"/>).</summary>
    /// <param name="version">The version whose shape to serve.</param>
    /// <param name="kind">The resource type.</param>
    /// <param name="namespace">The namespace (ignored for namespaces).</param>
    /// <param name="name">The resource's name.</param>
    /// <param name="window">The window.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The item.</returns>
    public async Task<TrafficMetrics> GetAsync(
        TrafficMetricsApiVersion version, MetricsResourceKind kind, string? @namespace, string name,
        MetricsWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        RequireServed(version, kind);
        RequireNotSplit(kind);
        var ns = kind.Namespaced ? RequireNamespace(@namespace) : null;
        var plan = await PlanWindowAsync(window, cancellationToken).ConfigureAwait(false);
        var time = Now();
        var set = Queries.Resource(kind, ns, name, plan.Effective);
        var values = await RunAsync(set, plan, time, cancellationToken).ConfigureAwait(false);
        values.TryGetValue(new SeriesIdentity(ns, name, null, string.Empty), out var found);
        var selfLink = SelfLink(version, kind, ns, name);
        return Item(version, Reference(kind, ns, name), null, null, found ?? new MetricValues(), plan, time, selfLink);
    }

    /// <summary>
    /// The metrics of every object of a resource type that the directory knows, optionally filtered by a label selector
    /// (which filters items, never series). For trafficsplits (v1alpha2) each split gives one item per backend.
    /// </summary>
    /// <param name="version">The version whose shape to serve.</param>
    /// <param name="kind">The resource type.</param>
    /// <param name="namespace">The namespace, or <see langword="null"/> for every namespace.</param>
    /// <param name="selector">The label selector, or <see langword="null"/>.</param>
    /// <param name="window">The window.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The list.</returns>
    public async Task<TrafficMetricsList> ListAsync(
        TrafficMetricsApiVersion version, MetricsResourceKind kind, string? @namespace, LabelSelector? selector,
        MetricsWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        RequireServed(version, kind);
        var ns = kind.Namespaced ? @namespace : null;
        var entries = (await directory.ListAsync(kind, ns, cancellationToken).ConfigureAwait(false))
            .Where(entry => selector is null || selector.Matches(entry.Labels))
            .OrderBy(entry => entry.Namespace, StringComparer.Ordinal)
            .ThenBy(entry => entry.Name, StringComparer.Ordinal)
            .ToList();
        var list = new TrafficMetricsList
        {
            ApiVersion = TrafficMetricsApiVersions.ApiVersion(version),
            Metadata = new ListMetadata { SelfLink = ListSelfLink(version, kind, ns) },
            Resource = new ObjectReference { Kind = kind.Kind, Namespace = ns },
            Selector = selector is null ? null : LabelSelectorDocument.From(selector),
        };
        if (entries.Count == 0)
        {
            return list;
        }

        var plan = await PlanWindowAsync(window, cancellationToken).ConfigureAwait(false);
        var time = Now();
        if (kind == MetricsResourceKinds.TrafficSplits)
        {
            foreach (var entry in entries)
            {
                var items = await SplitItemsAsync(version, entry, plan, time, cancellationToken).ConfigureAwait(false);
                list.Items.AddRange(items);
            }

            return list;
        }

        var set = Queries.Resource(kind, ns, null, plan.Effective);
        var values = await RunAsync(set, plan, time, cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            values.TryGetValue(new SeriesIdentity(entry.Namespace, entry.Name, null, string.Empty), out var found);
            var selfLink = SelfLink(version, kind, entry.Namespace, entry.Name);
            var reference = Reference(kind, entry.Namespace, entry.Name);
            list.Items.Add(Item(version, reference, null, null, found ?? new MetricValues(), plan, time, selfLink));
        }

        return list;
    }

    /// <summary>
    /// The edges of one resource: one item per peer and direction, "to" before "from", peers in name order.
    /// </summary>
    /// <param name="version">The version whose shape to serve.</param>
    /// <param name="kind">The resource type.</param>
    /// <param name="namespace">The namespace (ignored for namespaces).</param>
    /// <param name="name">The resource's name.</param>
    /// <param name="window">The window.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The list; its <c>resource</c> is the full reference.</returns>
    public async Task<TrafficMetricsList> EdgesAsync(
        TrafficMetricsApiVersion version, MetricsResourceKind kind, string? @namespace, string name,
        MetricsWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentException.ThrowIfNullOrEmpty(name);
        RequireServed(version, kind);
        if (!Queries.SupportsEdges(kind))
        {
            throw TrafficMetricsException.NotFound(
                $"{Queries.Mesh} metrics do not identify the peers of {kind.Resource}, so {kind.Resource}/edges is " +
                $"not served");
        }

        var ns = kind.Namespaced ? RequireNamespace(@namespace) : null;
        var plan = await PlanWindowAsync(window, cancellationToken).ConfigureAwait(false);
        var time = Now();
        var resource = Reference(kind, ns, name);
        var selfLink = SelfLink(version, kind, ns, name) + "/edges";
        var list = new TrafficMetricsList
        {
            ApiVersion = TrafficMetricsApiVersions.ApiVersion(version),
            Metadata = new ListMetadata { SelfLink = selfLink },
            Resource = resource,
        };
        foreach (var edge in Queries.Edges(kind, ns, name, plan.Effective))
        {
            var values = await RunAsync(edge.Queries, plan, time, cancellationToken).ConfigureAwait(false);
            foreach (var (identity, value) in values.OrderBy(pair => pair.Key.PeerNamespace, StringComparer.Ordinal)
                .ThenBy(pair => pair.Key.PeerName, StringComparer.Ordinal))
            {
                var peer = Reference(kind, kind.Namespaced ? identity.PeerNamespace : null, identity.PeerName);
                var restriction = Edge(version, edge.Direction, edge.Side, peer);
                list.Items.Add(Item(version, resource, restriction, null, value, plan, time, selfLink));
            }
        }

        return list;
    }

    /// <summary>
    /// The metrics of a TrafficSplit (v1alpha2): one item per backend, measured where the mesh sees the split.
    /// </summary>
    /// <param name="version">The version (v1alpha2 or later).</param>
    /// <param name="namespace">The split's namespace.</param>
    /// <param name="name">The split's name.</param>
    /// <param name="window">The window.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>A list whose <c>resource</c> is the split.</returns>
    public async Task<TrafficMetricsList> GetTrafficSplitAsync(
        TrafficMetricsApiVersion version, string @namespace, string name, MetricsWindow window,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var kind = MetricsResourceKinds.TrafficSplits;
        RequireServed(version, kind);
        var ns = RequireNamespace(@namespace);
        var entry = (await directory.ListAsync(kind, ns, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(
                candidate =>
                    string.Equals(candidate.Name, name, StringComparison.Ordinal) && candidate.Split is not null)
            ?? throw TrafficMetricsException.NotFound($"trafficsplits \"{name}\" not found in namespace \"{ns}\"");
        var list = new TrafficMetricsList
        {
            ApiVersion = TrafficMetricsApiVersions.ApiVersion(version),
            Metadata = new ListMetadata { SelfLink = SelfLink(version, kind, ns, name) },
            Resource = Reference(kind, ns, name),
        };
        var plan = await PlanWindowAsync(window, cancellationToken).ConfigureAwait(false);
        var items = await SplitItemsAsync(version, entry, plan, Now(), cancellationToken).ConfigureAwait(false);
        list.Items.AddRange(items);
        return list;
    }

    private static void RequireServed(TrafficMetricsApiVersion version, MetricsResourceKind kind)
    {
        if (!kind.IsServedIn(version))
        {
            throw TrafficMetricsException.NotFound(
                $"{kind.Resource} is not served by {TrafficMetricsApiVersions.ApiVersion(version)}");
        }
    }

    private static void RequireNotSplit(MetricsResourceKind kind)
    {
        if (kind == MetricsResourceKinds.TrafficSplits)
        {
            throw new ArgumentException(
                "Trafficsplits have one item per backend; use GetTrafficSplitAsync.", nameof(kind));
        }
    }

    private static string RequireNamespace(string? @namespace) =>
        string.IsNullOrEmpty(@namespace)
            ? throw TrafficMetricsException.BadRequest("a namespace is required")
            : @namespace;

    private static ObjectReference Reference(MetricsResourceKind kind, string? @namespace, string name) =>
        new() { Kind = kind.Kind, Namespace = kind.Namespaced ? @namespace : null, Name = name };

    private static TrafficMetricsEdge Edge(
        TrafficMetricsApiVersion version, EdgeDirection direction, EdgeSide side, ObjectReference peer) => new()
    {
        Direction = direction == EdgeDirection.To ? "to" : "from",
        Side = version >= TrafficMetricsApiVersion.V1Alpha2 ? (side == EdgeSide.Client ? "client" : "server") : null,
        Resource = peer,
    };

    private static string Base(TrafficMetricsApiVersion version) =>
        "/apis/" + TrafficMetricsApiVersions.ApiVersion(version);

    private static string SelfLink(
        TrafficMetricsApiVersion version, MetricsResourceKind kind, string? @namespace, string name) =>
        kind.Namespaced
            ? $"{Base(version)}/namespaces/{@namespace}/{kind.Resource}/{name}"
            : $"{Base(version)}/namespaces/{name}";

    private static string ListSelfLink(
        TrafficMetricsApiVersion version, MetricsResourceKind kind, string? @namespace) =>
        kind.Namespaced && @namespace is not null
            ? $"{Base(version)}/namespaces/{@namespace}/{kind.Resource}"
            : $"{Base(version)}/{kind.Resource}";

    private static TrafficMetrics Item(
        TrafficMetricsApiVersion version,
        ObjectReference resource,
        TrafficMetricsEdge? edge,
        TrafficMetricsBackend? backend,
        MetricValues values,
        WindowPlan plan,
        DateTimeOffset time,
        string selfLink)
    {
        var timestamp = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (plan.Note is { } windowNote)
        {
            annotations[MetricsAnnotations.RequestedWindow] = plan.Requested.ToString();
            annotations[MetricsAnnotations.ScrapeInterval] = MetricsWindow.FromDuration(plan.ScrapeInterval).ToString();
            annotations[MetricsAnnotations.WindowNote] = windowNote;
        }

        if (values.Unknown is { } unknown)
        {
            annotations[MetricsAnnotations.MissingData] = unknown;
        }

        string? Count(double count) => values.CountsKnown ? KubernetesQuantity.Format(count) : null;
        return new TrafficMetrics
        {
            ApiVersion = TrafficMetricsApiVersions.ApiVersion(version),
            Metadata = new ObjectMetadata
            {
                Name = resource.Name,
                Namespace = resource.Namespace,
                SelfLink = selfLink,
                CreationTimestamp = timestamp,
                Annotations = annotations.Count == 0 ? null : annotations,
            },
            Timestamp = timestamp,
            Window = plan.Effective.ToString(),
            Resource = resource,
            Edge = edge,
            Backend = version >= TrafficMetricsApiVersion.V1Alpha2 ? backend : null,
            Metrics =
            [
                new TrafficMetric
                {
                    Name = TrafficMetricNames.P99ResponseLatency,
                    Unit = TrafficMetricNames.Milliseconds,
                    Value = KubernetesQuantity.Format(values.LatencyP99),
                },
                new TrafficMetric
                {
                    Name = TrafficMetricNames.P90ResponseLatency,
                    Unit = TrafficMetricNames.Milliseconds,
                    Value = KubernetesQuantity.Format(values.LatencyP90),
                },
                new TrafficMetric
                {
                    Name = TrafficMetricNames.P50ResponseLatency,
                    Unit = TrafficMetricNames.Milliseconds,
                    Value = KubernetesQuantity.Format(values.LatencyP50),
                },
                new TrafficMetric { Name = TrafficMetricNames.SuccessCount, Value = Count(values.SuccessCount) },
                new TrafficMetric { Name = TrafficMetricNames.FailureCount, Value = Count(values.FailureCount) },
            ],
        };
    }

    private DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private async Task<List<TrafficMetrics>> SplitItemsAsync(
        TrafficMetricsApiVersion version,
        DirectoryEntry entry,
        WindowPlan plan,
        DateTimeOffset time,
        CancellationToken cancellationToken)
    {
        var items = new List<TrafficMetrics>();
        if (entry.Split is null || entry.Namespace is null)
        {
            return items;
        }

        var kind = MetricsResourceKinds.TrafficSplits;
        foreach (var backend in entry.Split.Backends)
        {
            var edge = Queries.TrafficSplitBackend(entry.Namespace, entry.Split.Apex, backend.Service, plan.Effective);
            var values = await RunAsync(edge.Queries, plan, time, cancellationToken).ConfigureAwait(false);
            values.TryGetValue(new SeriesIdentity(null, string.Empty, null, string.Empty), out var found);
            items.Add(Item(
                version,
                Reference(kind, entry.Namespace, entry.Name),
                Edge(version, edge.Direction, edge.Side, new ObjectReference()),
                new TrafficMetricsBackend { Apex = entry.Split.Apex, Name = backend.Service, Weight = backend.Weight },
                found ?? new MetricValues(),
                plan,
                time,
                SelfLink(version, kind, entry.Namespace, entry.Name)));
        }

        return items;
    }

    private async Task<Dictionary<SeriesIdentity, MetricValues>> RunAsync(
        MetricsQuerySet set, WindowPlan plan, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var success = prometheus.QueryAsync(set.SuccessCount, time, cancellationToken);
        var failure = prometheus.QueryAsync(set.FailureCount, time, cancellationToken);
        var p50 = prometheus.QueryAsync(set.LatencyP50, time, cancellationToken);
        var p90 = prometheus.QueryAsync(set.LatencyP90, time, cancellationToken);
        var p99 = prometheus.QueryAsync(set.LatencyP99, time, cancellationToken);
        var samples = set.SampleCount is null
            ? Task.FromResult<IReadOnlyList<PrometheusSample>>([])
            : prometheus.QueryAsync(set.SampleCount, time, cancellationToken);
        var probes = set.Probes.Select(probe => prometheus.QueryAsync(probe.Query, time, cancellationToken)).ToList();
        await Task.WhenAll([success, failure, p50, p90, p99, samples, .. probes]).ConfigureAwait(false);

        var values = new Dictionary<SeriesIdentity, MetricValues>();
        MetricValues At(SeriesIdentity identity)
        {
            if (!values.TryGetValue(identity, out var value))
            {
                value = new MetricValues();
                values[identity] = value;
            }

            return value;
        }

        void Apply(IReadOnlyList<PrometheusSample> results, Action<MetricValues, double> assign)
        {
            foreach (var sample in results)
            {
                if (Identify(set, sample) is { } identity)
                {
                    assign(At(identity), sample.Value);
                }
            }
        }

        Apply(await success.ConfigureAwait(false), (value, n) => (value.SuccessCount, value.Counted) = (n, true));
        Apply(await failure.ConfigureAwait(false), (value, n) => (value.FailureCount, value.Counted) = (n, true));
        Apply(await p50.ConfigureAwait(false), (value, sample) => value.LatencyP50 = sample);
        Apply(await p90.ConfigureAwait(false), (value, sample) => value.LatencyP90 = sample);
        Apply(await p99.ConfigureAwait(false), (value, sample) => value.LatencyP99 = sample);

        // A group whose series are present but hold fewer than two samples in the window has traffic that increase()
        // cannot see: its counts are unknown, not zero.
        var sparse = TooFewSamples(plan);
        Apply(await samples.ConfigureAwait(false), (value, most) =>
        {
            if (!value.Counted && most < 2)
            {
                value.Unknown = sparse;
            }
        });
        for (var i = 0; i < probes.Count; i++)
        {
            var note = set.Probes[i].Note;
            Apply(await probes[i].ConfigureAwait(false), (value, _) =>
            {
                if (!value.Counted)
                {
                    value.Unknown = note;
                }
            });
        }

        return values;
    }

    private static string TooFewSamples(WindowPlan plan) =>
        $"fewer than two samples of the request counter in the {plan.Effective} window, so the counts are unknown: "
        + $"the series are scraped less often than every {MetricsWindow.FromDuration(plan.ScrapeInterval)} "
        + $"({plan.ScrapeIntervalOrigin}), or they have just appeared; use a longer window or set the scrape interval";

    private static SeriesIdentity? Identify(MetricsQuerySet set, PrometheusSample sample)
    {
        string? ns = null;
        var name = string.Empty;
        if (set.Resource is { } resource)
        {
            name = sample.Label(resource.NameLabel);
            ns = resource.NamespaceLabel is null ? resource.FixedNamespace : sample.Label(resource.NamespaceLabel);
            if (name.Length == 0)
            {
                return null;
            }
        }

        string? peerNs = null;
        var peerName = string.Empty;
        if (set.Peer is { } peer)
        {
            peerName = sample.Label(peer.NameLabel);
            peerNs = peer.NamespaceLabel is null ? peer.FixedNamespace : sample.Label(peer.NamespaceLabel);
            if (peerName.Length == 0)
            {
                return null;
            }
        }

        return new SeriesIdentity(ns, name, peerNs, peerName);
    }
}

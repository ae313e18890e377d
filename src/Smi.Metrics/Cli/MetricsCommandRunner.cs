using Smi.Metrics.Inventory;
using Smi.Metrics.Model;
using Smi.Metrics.Prometheus;
using Smi.Metrics.Queries;

namespace Smi.Metrics.Cli;

/// <summary>
/// The body of <c>smi metrics --prometheus URL --mesh NAME KIND/NAME [-n NS] [--edges] [--window 1m] [--json]</c>:
/// queries Prometheus directly (no cluster access needed for a named resource) and prints a table or the v1alpha2 JSON.
/// </summary>
public static class MetricsCommandRunner
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code when Prometheus is unavailable or rejects a query.</summary>
    public const int Unavailable = 1;

    /// <summary>Exit code for bad arguments or a resource that cannot be served.</summary>
    public const int UsageError = 2;

    /// <summary>Runs the command.</summary>
    /// <param name="prometheusUrl">The Prometheus base URL.</param>
    /// <param name="mesh"><c>istio</c>, <c>linkerd</c> or <c>consul</c>.</param>
    /// <param name="kind">The resource type (<c>deploy</c>, <c>deployments</c>, <c>pod</c>, …) or
    /// <c>KIND/NAME</c>.</param>
    /// <param name="name">The resource name; <see langword="null"/> lists every object the directory knows.</param>
    /// <param name="namespace">The namespace (default <c>default</c>; ignored for namespaces).</param>
    /// <param name="edges">Print the resource's edges instead of its own metrics.</param>
    /// <param name="window">
    /// The window (<c>30s</c>, <c>1m</c>); <see langword="null"/> for 30s. A window shorter than four scrape
    /// intervals is widened, with a note on <paramref name="error"/>.
    /// </param>
    /// <param name="json">Print JSON instead of a table.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where errors go; <paramref name="output"/> when <see langword="null"/>.</param>
    /// <param name="directory">Which objects exist (needed for lists and trafficsplits), or
    /// <see langword="null"/>.</param>
    /// <param name="bearerToken">A bearer token for Prometheus, or <see langword="null"/>.</param>
    /// <param name="timeout">The per-attempt Prometheus timeout (default 10 seconds).</param>
    /// <param name="timeProvider">The clock, for tests.</param>
    /// <param name="scrapeInterval">
    /// How often Prometheus scrapes the series; <see langword="null"/> reads it from Prometheus' configuration.
    /// </param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns><see cref="Success"/>, <see cref="Unavailable"/> or <see cref="UsageError"/>.</returns>
    public static async Task<int> RunAsync(
        string prometheusUrl,
        string mesh,
        string kind,
        string? name,
        string? @namespace,
        bool edges,
        string? window,
        bool json,
        TextWriter output,
        TextWriter? error = null,
        IResourceDirectory? directory = null,
        string? bearerToken = null,
        TimeSpan? timeout = null,
        TimeProvider? timeProvider = null,
        TimeSpan? scrapeInterval = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        error ??= output;
        if (!Uri.TryCreate(prometheusUrl, UriKind.Absolute, out var prometheusUri)
            || (prometheusUri.Scheme != Uri.UriSchemeHttp && prometheusUri.Scheme != Uri.UriSchemeHttps))
        {
            await error.WriteLineAsync($"error: --prometheus must be an http(s) URL, got \"{prometheusUrl}\"")
                .ConfigureAwait(false);
            return UsageError;
        }

        if (!MeshMetricsQueries.TryGet(mesh, out var queries))
        {
            await error.WriteLineAsync(
                $"error: unknown mesh \"{mesh}\"; use one of {string.Join(", ", MeshMetricsQueries.Names)}")
                .ConfigureAwait(false);
            return UsageError;
        }

        if (kind is not null && kind.Contains('/', StringComparison.Ordinal) && string.IsNullOrEmpty(name))
        {
            name = kind[(kind.IndexOf('/', StringComparison.Ordinal) + 1)..];
            kind = kind[..kind.IndexOf('/', StringComparison.Ordinal)];
        }

        if (kind is null || !MetricsResourceKinds.TryFind(kind, out var resourceKind))
        {
            await error.WriteLineAsync(
                $"error: unknown resource type \"{kind}\"; use one of " +
                $"{string.Join(", ", MetricsResourceKinds.All.Select(k => k.Resource))}").ConfigureAwait(false);
            return UsageError;
        }

        if (!MetricsWindow.TryParse(window, out var metricsWindow, out var windowError))
        {
            await error.WriteLineAsync("error: " + windowError).ConfigureAwait(false);
            return UsageError;
        }

        if (string.IsNullOrEmpty(name) && (directory is null || edges))
        {
            await error.WriteLineAsync(
                edges ? "error: --edges needs a resource name" : "error: a resource name is required (KIND/NAME)")
                .ConfigureAwait(false);
            return UsageError;
        }

        if (resourceKind == MetricsResourceKinds.TrafficSplits && directory is null)
        {
            await error.WriteLineAsync(
                "error: trafficsplit metrics need the split's backends, which only the cluster knows")
                .ConfigureAwait(false);
            return UsageError;
        }

        var ns = string.IsNullOrEmpty(@namespace) ? "default" : @namespace;
        using var prometheus = new PrometheusClient(new PrometheusClientOptions
        {
            BaseAddress = prometheusUri,
            BearerToken = bearerToken,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        });
        var options = new TrafficMetricsOptions { ScrapeInterval = scrapeInterval };
        directory ??= new InMemoryResourceDirectory();
        var service = new TrafficMetricsService(prometheus, queries, directory, timeProvider, options);
        var version = TrafficMetricsApiVersion.V1Alpha2;
        try
        {
            if (edges)
            {
                var list = await service.EdgesAsync(version, resourceKind, ns, name!, metricsWindow, cancellationToken)
                    .ConfigureAwait(false);
                Write(list, list.Items, json, output, error);
            }
            else if (resourceKind == MetricsResourceKinds.TrafficSplits && !string.IsNullOrEmpty(name))
            {
                var list = await service.GetTrafficSplitAsync(version, ns, name, metricsWindow, cancellationToken)
                    .ConfigureAwait(false);
                Write(list, list.Items, json, output, error);
            }
            else if (string.IsNullOrEmpty(name))
            {
                var list = await service.ListAsync(version, resourceKind, ns, null, metricsWindow, cancellationToken)
                    .ConfigureAwait(false);
                Write(list, list.Items, json, output, error);
            }
            else
            {
                var item = await service.GetAsync(version, resourceKind, ns, name, metricsWindow, cancellationToken)
                    .ConfigureAwait(false);
                Write(item, [item], json, output, error);
            }

            return Success;
        }
        catch (PrometheusUnavailableException ex)
        {
            await error.WriteLineAsync("error: " + ex.Reason).ConfigureAwait(false);
            return Unavailable;
        }
        catch (PrometheusQueryException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return Unavailable;
        }
        catch (TrafficMetricsException ex)
        {
            await error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return UsageError;
        }
    }

    private static void Write<T>(
        T document, IReadOnlyList<TrafficMetrics> items, bool json, TextWriter output, TextWriter error)
    {
        WriteNotes(items, error);
        if (json)
        {
            MetricsTableFormatter.WriteJson(document, output);
        }
        else
        {
            MetricsTableFormatter.WriteTable(items, output);
        }
    }

    /// <summary>Writes each distinct note the items carry (a widened window; unknown counts and why).</summary>
    private static void WriteNotes(IReadOnlyList<TrafficMetrics> items, TextWriter error)
    {
        var notes = new List<string>();
        foreach (var item in items)
        {
            var annotations = item.Metadata.Annotations;
            if (annotations is null)
            {
                continue;
            }

            if (annotations.TryGetValue(MetricsAnnotations.WindowNote, out var window))
            {
                notes.Add(window);
            }

            if (annotations.TryGetValue(MetricsAnnotations.MissingData, out var missing))
            {
                var subject = item.Edge?.Resource is { Name: { } peer }
                    ? $"{item.Resource.Name} {item.Edge.Direction} {peer}"
                    : item.Resource.Name;
                notes.Add($"{subject}: {missing}");
            }
        }

        foreach (var note in notes.Distinct(StringComparer.Ordinal))
        {
            error.WriteLine("note: " + note);
        }
    }
}

using Smi.Abstractions.Selectors;
using System.Text.Json;
using Smi.Metrics.Model;
using Smi.Metrics.Prometheus;

namespace Smi.Metrics.Api;

/// <summary>
/// Routes requests for <c>/apis/metrics.smi-spec.io/&lt;version&gt;/…</c> to a <see cref="TrafficMetricsService"/>,
/// independent of any web server:
/// <list type="bullet">
/// <item><c>/apis/metrics.smi-spec.io/v1alpha1</c>: the <c>APIResourceList</c>.</item>
/// <item><c>…/namespaces</c> and <c>…/namespaces/{name}</c> (cluster-scoped),
/// <c>…/namespaces/{name}/edges</c>.</item>
/// <item><c>…/namespaces/{ns}/{resource}</c> (list; <c>?labelSelector=</c>), <c>…/{resource}/{name}</c> (get),
/// <c>…/{resource}/{name}/edges</c>; and <c>…/{resource}</c> across every namespace.</item>
/// </list>
/// <c>?t=</c> sets the window (default 30s). Errors are Kubernetes <c>Status</c> objects: 404 for unknown paths and
/// resource types, 400 for a bad <c>t</c> or selector, 405 for verbs other than GET, 503 (with the reason) when
/// Prometheus is unavailable.
/// </summary>
public sealed class TrafficMetricsApi
{
    private readonly TrafficMetricsService service;

    /// <summary>Creates the API over a service.</summary>
    /// <param name="service">The metrics service.</param>
    public TrafficMetricsApi(TrafficMetricsService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        this.service = service;
    }

    /// <summary>Handles one request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The path and query string, for example
    /// <c>/apis/metrics.smi-spec.io/v1alpha1/namespaces/shop/pods?t=1m</c>.</param>
    /// <param name="cancellationToken">Cancels the Prometheus queries.</param>
    /// <returns>Status code and JSON body.</returns>
    public async Task<ApiResponse> HandleAsync(string method, string pathAndQuery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        try
        {
            if (!string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase))
            {
                return Error(
                    405, "MethodNotAllowed",
                    $"{method} is not supported; the TrafficMetrics API is read-only (get, list)");
            }

            var (path, query) = Split(pathAndQuery);
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)
                .ToArray();
            if (segments.Length < 3 || segments[0] != "apis" || segments[1] != TrafficMetricsApiVersions.Group)
            {
                return Error(404, "NotFound", $"the server could not find the requested resource {path}");
            }

            if (!TrafficMetricsApiVersions.TryParse(segments[2], out var version))
            {
                return Error(
                    404, "NotFound", $"version {segments[2]} of {TrafficMetricsApiVersions.Group} is not served");
            }

            if (segments.Length == 3)
            {
                return Ok(Discovery(version));
            }

            if (!MetricsWindow.TryParse(query.GetValueOrDefault("t"), out var window, out var windowError))
            {
                return Error(400, "BadRequest", windowError!);
            }

            LabelSelector? selector = null;
            if (query.TryGetValue("labelSelector", out var selectorText) && selectorText.Length > 0
                && !LabelSelector.TryParse(selectorText, out selector, out var selectorError))
            {
                return Error(400, "BadRequest", selectorError!);
            }

            return await RouteAsync(version, segments[3..], window, selector, cancellationToken).ConfigureAwait(false);
        }
        catch (TrafficMetricsException ex)
        {
            return Error(ex.StatusCode, ex.Reason, ex.Message);
        }
        catch (PrometheusUnavailableException ex)
        {
            return Error(503, "ServiceUnavailable", "metrics backend unavailable: " + ex.Reason);
        }
        catch (PrometheusQueryException ex)
        {
            return Error(500, "InternalError", ex.Message);
        }
    }

    private static ApiResourceList Discovery(TrafficMetricsApiVersion version)
    {
        var list = new ApiResourceList { GroupVersion = TrafficMetricsApiVersions.ApiVersion(version) };
        foreach (var kind in MetricsResourceKinds.All.Where(kind => kind.IsServedIn(version)))
        {
            list.Resources.Add(new ApiResource { Name = kind.Resource, Namespaced = kind.Namespaced });
            if (kind != MetricsResourceKinds.TrafficSplits)
            {
                list.Resources.Add(
                    new ApiResource { Name = kind.Resource + "/edges", Namespaced = kind.Namespaced, Verbs = ["get"] });
            }
        }

        return list;
    }

    private static (string Path, Dictionary<string, string> Query) Split(string pathAndQuery)
    {
        var at = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (at < 0)
        {
            return (pathAndQuery, query);
        }

        foreach (var pair in pathAndQuery[(at + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            query[key] = value;
        }

        return (pathAndQuery[..at], query);
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static ApiResponse Ok<T>(T body) => new(200, JsonSerializer.Serialize(body, MetricsJson.Options));

    private static ApiResponse Error(int code, string reason, string message) =>
        new(code,
            JsonSerializer.Serialize(
                new StatusDocument { Code = code, Reason = reason, Message = message }, MetricsJson.Options));

    private static MetricsResourceKind Kind(TrafficMetricsApiVersion version, string resource)
    {
        var kind = MetricsResourceKinds.All.FirstOrDefault(
            candidate => candidate.Resource == resource && candidate.Namespaced);
        if (kind is null || !kind.IsServedIn(version))
        {
            throw TrafficMetricsException.NotFound(
                $"the server could not find the requested resource: {resource} is not a TrafficMetrics resource in " +
                $"{TrafficMetricsApiVersions.ApiVersion(version)}");
        }

        return kind;
    }

    private async Task<ApiResponse> RouteAsync(
        TrafficMetricsApiVersion version, string[] rest, MetricsWindow window, LabelSelector? selector,
        CancellationToken cancellationToken)
    {
        var namespaces = MetricsResourceKinds.Namespaces;
        switch (rest)
        {
            case ["namespaces"]:
                return Ok(
                    await service.ListAsync(version, namespaces, null, selector, window, cancellationToken)
                    .ConfigureAwait(false));
            case ["namespaces", var name]:
                return Ok(
                    await service.GetAsync(version, namespaces, null, name, window, cancellationToken)
                    .ConfigureAwait(false));
            case ["namespaces", var name, "edges"]:
                return Ok(
                    await service.EdgesAsync(version, namespaces, null, name, window, cancellationToken)
                    .ConfigureAwait(false));
            case ["namespaces", var ns, var resource]:
                return Ok(
                    await service.ListAsync(version, Kind(version, resource), ns, selector, window, cancellationToken)
                    .ConfigureAwait(false));
            case ["namespaces", var ns, var resource, var name]:
                var kind = Kind(version, resource);
                return kind == MetricsResourceKinds.TrafficSplits
                    ? Ok(await service.GetTrafficSplitAsync(version, ns, name, window, cancellationToken)
                        .ConfigureAwait(false))
                    : Ok(await service.GetAsync(version, kind, ns, name, window, cancellationToken)
                        .ConfigureAwait(false));
            case ["namespaces", var ns, var resource, var name, "edges"]:
                return Ok(
                    await service.EdgesAsync(version, Kind(version, resource), ns, name, window, cancellationToken)
                    .ConfigureAwait(false));
            case [var resource]:
                return Ok(
                    await service.ListAsync(version, Kind(version, resource), null, selector, window, cancellationToken)
                    .ConfigureAwait(false));
            default:
                return Error(
                    404, "NotFound", "the server could not find the requested resource " + string.Join('/', rest));
        }
    }
}

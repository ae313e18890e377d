using System.Text.Json.Nodes;

namespace Smi.Evaluation;

/// <summary>
/// Istio VirtualService semantics (https://istio.io/latest/docs/reference/config/networking/virtual-service/):
/// "HTTPRoute": the http routes are evaluated in order and "the first rule matching an incoming request is used";
/// within an "HTTPMatchRequest" all conditions must hold and the entries of <c>match</c> are ORed; a route without
/// <c>match</c> accepts every request. "StringMatch" <c>regex</c> is RE2 and must match the whole value
/// ("HTTPMatchRequest", <c>uri</c>). "HTTPRouteDestination" <c>weight</c> is the proportion of the traffic; a single
/// destination takes all of it. A host without a VirtualService keeps its traffic; a request that no route matches is
/// answered with 404 and reaches no backend.
/// </summary>
public sealed class IstioVirtualServiceEvaluator : ISplitEvaluator
{
    /// <inheritdoc/>
    public TrafficDistribution Evaluate(
        IReadOnlyList<JsonObject> resources, string ns, string rootService, MeshRequest request)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(request);
        var service = resources.FirstOrDefault(r => JsonFields.IsKind(r, "VirtualService", ns)
            && (JsonFields.Object(r, "spec")?["hosts"] as JsonArray ?? [])
                .Any(h => h?.GetValue<string>() is { } host && IsRootHost(host, ns, rootService)));
        if (service is null)
        {
            return TrafficDistribution.All(rootService);
        }

        foreach (var route in JsonFields.Objects(JsonFields.Object(service, "spec"), "http"))
        {
            var matches = JsonFields.Objects(route, "match").ToList();
            if (matches.Count == 0 || matches.Any(m => Matches(m, request)))
            {
                return Destinations(JsonFields.Objects(route, "route").ToList());
            }
        }

        return TrafficDistribution.None;
    }

    private static bool IsRootHost(string host, string ns, string root) =>
        host == root || host.StartsWith($"{root}.{ns}.", StringComparison.Ordinal) || host == $"{root}.{ns}";

    private static TrafficDistribution Destinations(List<JsonObject> destinations)
    {
        if (destinations.Count == 1)
        {
            return TrafficDistribution.All(Host(destinations[0]));
        }

        return TrafficDistribution.FromWeights(
            destinations.Select(d => (Host(d), JsonFields.Number(d, "weight") ?? 0m)));
    }

    private static string Host(JsonObject destination) => JsonFields.ServiceOfHost(
        JsonFields.Text(JsonFields.Object(destination, "destination"), "host") ?? string.Empty);

    private static bool Matches(JsonObject match, MeshRequest request)
    {
        if (JsonFields.Number(match, "port") is { } port && port != request.Port)
        {
            return false;
        }

        if (!StringMatches(JsonFields.Object(match, "uri"), request.Path)
            || !StringMatches(JsonFields.Object(match, "method"), request.Method))
        {
            return false;
        }

        foreach (var (name, condition) in JsonFields.Object(match, "headers") ?? [])
        {
            if (request.Header(name) is not { } value || !StringMatches(condition as JsonObject, value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A StringMatch: <c>exact</c>, <c>prefix</c> or full-match RE2 <c>regex</c>; absent: any value.</summary>
    internal static bool StringMatches(JsonObject? condition, string value)
    {
        if (condition is null)
        {
            return true;
        }

        if (JsonFields.Text(condition, "exact") is { } exact)
        {
            return value == exact;
        }

        if (JsonFields.Text(condition, "prefix") is { } prefix)
        {
            return value.StartsWith(prefix, StringComparison.Ordinal);
        }

        return JsonFields.Text(condition, "regex") is not { } regex
            || FullMatch.IsMatch(regex, value, RegexDialect.Re2);
    }
}

using System.Collections.Immutable;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;
using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>
/// The request classes of a root Service: one per match of each A/B TrafficSplit of the root, and the requests that
/// match none of them. Each class gets a sample request that the SMI match itself accepts.
/// </summary>
internal static class SplitRequestClasses
{
    private static readonly string[] DefaultPaths = ["/", "/other", "/x"];

    private static readonly string[] DefaultMethods = ["GET", "POST", "PUT", "DELETE"];

    public static IReadOnlyList<RequestClass> Of(MeshSnapshot snapshot, string ns, string root, int port)
    {
        var splits = snapshot.Splits.Where(s => s.Namespace == ns && s.RootService == root).OrderBy(s => s.Source);
        var classes = new List<RequestClass>();
        var allMatches = new List<RouteMatch>();
        foreach (var split in splits.Where(s => s.HasMatches))
        {
            foreach (var groupRef in split.RouteGroups)
            {
                if (snapshot.FindRouteGroup(ns, groupRef.Name) is not { } group)
                {
                    continue;
                }

                foreach (var match in group.Matches)
                {
                    allMatches.Add(match);
                    classes.Add(new RequestClass(
                        $"requests matching HTTPRouteGroup {group.Source.Name} match {match.Name} "
                        + $"(TrafficSplit {split.Source.Name})",
                        SampleOf(match, port)));
                }
            }
        }

        var other = DefaultPaths
            .SelectMany(path => DefaultMethods.Select(method => Request(path, method, [], port)))
            .FirstOrDefault(r => !allMatches.Any(m => SmiSplitEvaluator.Matches(m, r)));
        classes.Add(new RequestClass(
            allMatches.Count == 0 ? "every request" : "requests matching no A/B TrafficSplit", other));
        return classes;
    }

    private static MeshRequest? SampleOf(RouteMatch match, int port)
    {
        var paths = match.AnyPath ? ["/"] : RegexSample.Candidates(match.PathRegex!).Append("/").Distinct();
        var method = match.AnyMethod ? "GET" : match.Methods[0];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in match.Headers.IsDefault ? [] : match.Headers)
        {
            var single = new RouteMatch(match.Name, null, [], [header]);
            var value = RegexSample.Candidates(header.ValueRegex).FirstOrDefault(v =>
                SmiSplitEvaluator.Matches(single, Request("/", "GET", new() { [header.Name] = v }, port)));
            if (value is null)
            {
                return null;
            }

            headers[header.Name] = value;
        }

        return paths
            .Select(path => Request(path.StartsWith('/') ? path : "/" + path, method, headers, port))
            .FirstOrDefault(r => SmiSplitEvaluator.Matches(match, r));
    }

    private static MeshRequest Request(string path, string method, Dictionary<string, string> headers, int port) =>
        new(path, method, headers.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase), port);
}

using System.Globalization;
using System.Text;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;

namespace Smi.Cli;

/// <summary>
/// Who may call whom (from TrafficTargets) and where each root's traffic goes (from TrafficSplits), as Graphviz DOT or
/// Mermaid. Nodes and edges are sorted, so the same input always gives the same text and a change shows as a diff.
/// </summary>
internal static class TrafficGraph
{
    /// <summary>The formats <c>smi graph --format</c> takes.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["mermaid", "dot"];

    public static string Render(MeshSnapshot snapshot, string format)
    {
        var edges = Edges(snapshot);
        var nodes = edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var ids = nodes.Select((n, i) => (n, Id: string.Create(CultureInfo.InvariantCulture, $"n{i}")))
            .ToDictionary(p => p.n, p => p.Id, StringComparer.Ordinal);
        var text = new StringBuilder();
        if (format == "dot")
        {
            text.Append("digraph smi {\n  rankdir=LR;\n");
            foreach (var node in nodes)
            {
                var shape = node.StartsWith("Service ", StringComparison.Ordinal) ? "box" : "ellipse";
                text.Append(CultureInfo.InvariantCulture, $"  {ids[node]} [label={Dot(node)}, shape={shape}];\n");
            }

            foreach (var edge in edges)
            {
                var style = edge.Split ? ", style=dashed" : string.Empty;
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"  {ids[edge.From]} -> {ids[edge.To]} [label={Dot(edge.Label)}{style}];\n");
            }

            return text.Append("}\n").ToString();
        }

        text.Append("flowchart LR\n");
        foreach (var node in nodes)
        {
            var (open, close) = node.StartsWith("Service ", StringComparison.Ordinal) ? ("[", "]") : ("([", "])");
            text.Append(CultureInfo.InvariantCulture, $"  {ids[node]}{open}{Mermaid(node)}{close}\n");
        }

        foreach (var edge in edges)
        {
            var arrow = edge.Split ? "-.->" : "-->";
            text.Append(
                CultureInfo.InvariantCulture, $"  {ids[edge.From]} {arrow}|{Mermaid(edge.Label)}| {ids[edge.To]}\n");
        }

        return text.ToString();
    }

    private static List<Edge> Edges(MeshSnapshot snapshot)
    {
        var edges = new List<Edge>();
        foreach (var grant in snapshot.AccessGrants)
        {
            var rules = string.Join(", ", grant.Rules.Select(Describe).Order(StringComparer.Ordinal));
            var port = grant.DestinationPort is { } p
                ? string.Create(CultureInfo.InvariantCulture, $" port {p}")
                : string.Empty;
            var label = $"allowed by TrafficTarget {grant.Source.Name}{port}: {rules}";
            foreach (var source in grant.Sources)
            {
                edges.Add(new Edge(Identity(source), Identity(grant.Destination), label, Split: false));
            }
        }

        foreach (var split in snapshot.Splits)
        {
            var total = split.Backends.Sum(b => b.Weight);
            var matches = split.HasMatches
                ? $" of requests matching {string.Join(", ", split.RouteGroups.Select(g => $"{g.Kind} {g.Name}"))}"
                : string.Empty;
            foreach (var backend in split.Backends)
            {
                var share = total == 0 ? 0 : decimal.Round(backend.Weight * 100 / total, 2);
                var label = string.Create(
                    CultureInfo.InvariantCulture, $"{share}%{matches} (TrafficSplit {split.Source.Name})");
                edges.Add(new Edge(
                    $"Service {split.Namespace}/{split.RootService}",
                    $"Service {split.Namespace}/{backend.Service}",
                    label,
                    Split: true));
            }
        }

        return [.. edges.Distinct()
            .OrderBy(e => e.Split)
            .ThenBy(e => e.From, StringComparer.Ordinal)
            .ThenBy(e => e.To, StringComparer.Ordinal)
            .ThenBy(e => e.Label, StringComparer.Ordinal)];
    }

    private static string Identity(IdentityRef identity) => $"{identity.Kind} {identity.Namespace}/{identity.Name}";

    private static string Describe(AccessRule rule)
    {
        var kind = rule.Kind.ToString().ToUpperInvariant() switch
        {
            "HTTPROUTEGROUP" => "HTTPRouteGroup",
            "TCPROUTE" => "TCPRoute",
            "UDPROUTE" => "UDPRoute",
            _ => rule.Kind.ToString(),
        };
        return rule.Matches.IsDefaultOrEmpty
            ? $"{kind} {rule.Name}"
            : $"{kind} {rule.Name} ({string.Join(", ", rule.Matches)})";
    }

    private static string Dot(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Mermaid(string text) => "\"" + text.Replace("\"", "#quot;", StringComparison.Ordinal) + "\"";

    private sealed record Edge(string From, string To, string Label, bool Split);
}

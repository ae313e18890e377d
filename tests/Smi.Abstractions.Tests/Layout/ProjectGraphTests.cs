using System.Xml.Linq;
using Smi.Testing;

namespace Smi.Abstractions.Tests.Layout;

/// <summary>
/// The project graph of <c>src</c>, as the Layout section of the README draws it: every ProjectReference of every
/// <c>src/*/*.csproj</c> is one of the allowed edges, every allowed edge is there, and the graph has no cycle.
/// </summary>
public class ProjectGraphTests
{
    private const string Contract = "Smi.Abstractions";
    private const string Wire = "Smi.Abstractions.Wire";
    private const string Tooling = "Smi.Abstractions.Tooling";

    /// <summary>Each project of src and the projects it references directly.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        [Contract] = [],
        [Wire] = [Contract],
        [Tooling] = [Wire],
        ["Smi.Adapters.GatewayApi.Routes"] = [Contract],
        ["Smi.Adapters.Istio"] = [Contract],
        ["Smi.Adapters.Linkerd"] = [Contract, "Smi.Adapters.GatewayApi.Routes"],
        ["Smi.Adapters.Consul"] = [Contract],
        // The SMI migration reads manifest folders (Tooling) and builds a snapshot from the SMI objects read (Wire).
        ["Smi.Adapters.GatewayApi"] =
            [Tooling, "Smi.Adapters.GatewayApi.Routes", "Smi.Adapters.Istio", "Smi.Adapters.Linkerd"],
        ["Smi.Evaluation"] = [Contract],
        ["Smi.Metrics"] = [Contract],
        ["Smi.Webhooks"] = [Tooling],
        // The API calls, cluster reads and RBAC rules that the controller and the CLI share.
        ["Smi.Kube"] = [Tooling],
        ["Smi.Controller"] =
        [
            Tooling, "Smi.Adapters.Istio", "Smi.Adapters.Linkerd", "Smi.Adapters.Consul", "Smi.Adapters.GatewayApi",
            "Smi.Kube", "Smi.Metrics", "Smi.Webhooks",
        ],
        ["Smi.Cli"] =
        [
            Tooling, "Smi.Adapters.Consul", "Smi.Adapters.GatewayApi", "Smi.Adapters.Istio", "Smi.Adapters.Linkerd",
            "Smi.Evaluation", "Smi.Kube", "Smi.Metrics", "Smi.Webhooks",
        ],
    };

    /// <summary>The mesh adapter packages that need neither the SMI wire types nor the tooling.</summary>
    private static readonly string[] ContractOnlyAdapters =
        ["Smi.Adapters.Istio", "Smi.Adapters.Linkerd", "Smi.Adapters.Consul", "Smi.Adapters.GatewayApi.Routes"];

    private static Dictionary<string, List<string>> ReadGraph()
    {
        var graph = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var project in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.csproj",
                     SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            graph[name] = [.. XDocument.Load(project).Descendants("ProjectReference")
                .Select(r => (string?)r.Attribute("Include") ?? string.Empty)
                .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))];
        }

        return graph;
    }

    [Fact]
    public void ProjectReferences_AreExactlyTheAllowedEdges()
    {
        var graph = ReadGraph();
        var problems = new List<string>();
        foreach (var (project, references) in graph.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!Allowed.TryGetValue(project, out var allowed))
            {
                problems.Add($"src/{project} is not in the allowed project graph; add it to the README's Layout "
                    + "section and to this test");
                continue;
            }

            problems.AddRange(references.Except(allowed, StringComparer.Ordinal)
                .Select(r => $"unexpected edge {project} -> {r}: the README's Layout section does not allow it"));
            problems.AddRange(allowed.Except(references, StringComparer.Ordinal)
                .Select(r => $"missing edge {project} -> {r}: the README's Layout section lists it"));
        }

        problems.AddRange(Allowed.Keys.Except(graph.Keys, StringComparer.Ordinal)
            .Select(p => $"the allowed graph names {p}, which is not a project under src"));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ProjectReferences_HaveNoCycle()
    {
        var graph = ReadGraph();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new Stack<string>();

        string? Visit(string project)
        {
            if (state.TryGetValue(project, out var done))
            {
                return done ? null : string.Join(" -> ", path.Reverse().SkipWhile(p => p != project).Append(project));
            }

            state[project] = false;
            path.Push(project);
            foreach (var reference in graph.GetValueOrDefault(project, []))
            {
                if (Visit(reference) is { } cycle)
                {
                    return cycle;
                }
            }

            path.Pop();
            state[project] = true;
            return null;
        }

        foreach (var project in graph.Keys.Order(StringComparer.Ordinal))
        {
            var cycle = Visit(project);
            Assert.True(cycle is null, $"project reference cycle: {cycle}");
        }
    }

    [Fact]
    public void MeshAdapters_ReferenceOnlyTheContractOfTheAbstractions()
    {
        var graph = ReadGraph();
        foreach (var adapter in ContractOnlyAdapters)
        {
            var reached = Reachable(graph, adapter);
            Assert.True(!reached.Contains(Wire) && !reached.Contains(Tooling),
                $"{adapter} reaches {string.Join(", ", reached.Where(r => r is Wire or Tooling))}: a mesh adapter "
                + "package ships the contract only");
        }
    }

    private static HashSet<string> Reachable(Dictionary<string, List<string>> graph, string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(graph.GetValueOrDefault(start, []));
        while (pending.TryPop(out var project))
        {
            if (seen.Add(project))
            {
                foreach (var reference in graph.GetValueOrDefault(project, []))
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }
}

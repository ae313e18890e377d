using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Smi.Testing.Tests;

/// <summary>
/// The catalogue of diagnostic reason codes: the <c>*Reasons</c> classes of the checked assemblies declare every code
/// once, document each, and are the only place a reason is spelled. Codes shared by several parts live in
/// <c>SmiReasons</c>; a mesh's class holds only that mesh's own codes.
/// </summary>
public sealed partial class ReasonCatalogueTests
{
    /// <summary>
    /// The projects checked, by their folder under <c>src/</c>: their assemblies and their sources. This is the one
    /// list the catalogue is read from.
    /// </summary>
    private static readonly string[] CheckedProjects =
    [
        "Smi.Abstractions",
        "Smi.Abstractions.Tooling",
        "Smi.Abstractions.Wire",
        "Smi.Adapters.Consul",
        "Smi.Adapters.GatewayApi",
        "Smi.Adapters.GatewayApi.Routes",
        "Smi.Adapters.Istio",
        "Smi.Adapters.Linkerd",
        "Smi.Cli",
        "Smi.Controller",
        "Smi.Evaluation",
        "Smi.Kube",
        "Smi.Metrics",
        "Smi.Webhooks",
    ];

    public static TheoryData<string> Projects => [.. CheckedProjects];

    [Fact]
    public void EveryCode_IsDeclaredOnce()
    {
        var declared = ReasonConstants().GroupBy(c => c.Value, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(c => c.Name))}")
            .ToList();

        Assert.True(
            declared.Count == 0,
            "codes declared more than once (reference the shared one instead):\n" + string.Join("\n", declared));
    }

    [Fact]
    public void EveryCode_IsNamedAfterItsValue()
    {
        var misnamed = ReasonConstants().Where(c => c.Field.Name != c.Value).Select(c => $"{c.Name} = {c.Value}");

        Assert.Empty(misnamed);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryCode_IsDocumented(string project)
    {
        var assembly = Load(project);
        var constants = ReasonConstants().Where(c => c.Field.DeclaringType!.Assembly == assembly).ToList();
        if (constants.Count == 0)
        {
            return;
        }

        var summaries = DocumentedSummaries(project, assembly);
        var undocumented = constants
            .Where(c => !summaries.TryGetValue($"F:{c.Field.DeclaringType!.FullName}.{c.Field.Name}", out var text)
                || string.IsNullOrWhiteSpace(text))
            .Select(c => c.Name);

        Assert.Empty(undocumented);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryReason_InSource_IsAConstant(string project)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", project);
        var literals = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            foreach (Match match in LiteralReason().Matches(text))
            {
                var line = text.AsSpan(0, match.Index).Count('\n') + 1;
                literals.Add($"{relative}:{line}: \"{match.Groups["code"].Value}\"");
            }
        }

        Assert.True(
            literals.Count == 0,
            "reasons written as literals; use a constant of SmiReasons or the mesh's Reasons class:\n"
            + string.Join("\n", literals));
    }

    [Fact]
    public void EveryReason_InGoldenDiagnostics_IsDeclared()
    {
        var declared = ReasonConstants().Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var meshes = CheckedProjects.Select(Load).SelectMany(a => a.GetTypes())
            .Select(t => t.GetField("MeshName", BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true })
            .Select(f => (string)f!.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(meshes);

        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        var golden = Directory.EnumerateFiles(
            RepositoryPaths.TestData, "*diagnostics.txt", SearchOption.AllDirectories);
        foreach (var file in golden)
        {
            var name = Path.GetFileName(file);
            if (name != "diagnostics.txt" && !meshes.Any(m => name.StartsWith(m + ".", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var line in File.ReadLines(file))
            {
                if (GoldenLine().Match(line) is { Success: true } match
                    && !declared.Contains(match.Groups["code"].Value))
                {
                    var relative = Path.GetRelativePath(RepositoryPaths.TestData, file);
                    unknown.Add($"{match.Groups["code"].Value} ({relative})");
                }
            }
        }

        Assert.Empty(unknown);
    }

    private static List<ReasonConstant> ReasonConstants() =>
    [
        .. CheckedProjects.Select(Load)
            .SelectMany(a => a.GetTypes())
            .Where(t => t.Name.EndsWith("Reasons", StringComparison.Ordinal)
                && t is { IsAbstract: true, IsSealed: true })
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => new ReasonConstant(f, (string)f.GetRawConstantValue()!)),
    ];

    private static Assembly Load(string project)
    {
        var projectFile = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", project, project + ".csproj"));
        var assemblyName = projectFile.Descendants("AssemblyName").FirstOrDefault()?.Value ?? project;
        return Assembly.Load(assemblyName);
    }

    private static Dictionary<string, string> DocumentedSummaries(string project, Assembly assembly)
    {
        var beside = Path.ChangeExtension(assembly.Location, ".xml");
        var built = Path.Combine(
            RepositoryPaths.Root, "src", project, "bin", BuildConfiguration.Name, "net10.0",
            assembly.GetName().Name + ".xml");
        var path = File.Exists(beside) ? beside : built;
        Assert.True(File.Exists(path), $"no XML documentation file for {assembly.GetName().Name} at {path}");
        return XDocument.Load(path).Descendants("member")
            .Where(m => m.Attribute("name") is not null)
            .GroupBy(m => m.Attribute("name")!.Value, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key, g => g.First().Element("summary")?.Value ?? string.Empty, StringComparer.Ordinal);
    }

    [GeneratedRegex(
        @"(?:Diagnostic\.(?:Error|Warning|Info)|new Diagnostic|\bRefusal)\(\s*""(?<code>[^""]*)"""
        + @"|\b[Rr]eason:\s*""(?<code>[^""]*)""")]
    private static partial Regex LiteralReason();

    [GeneratedRegex(@"^(?:error|warning|info) (?<code>[A-Za-z0-9]+)\b")]
    private static partial Regex GoldenLine();

    private sealed record ReasonConstant(FieldInfo Field, string Value)
    {
        public string Name => $"{Field.DeclaringType!.Name}.{Field.Name}";
    }
}

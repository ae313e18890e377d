using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

namespace Smi.Benchmarks;

/// <summary>Building the snapshot of a 1,000-object fleet (conversion to the hub model, validation, indexes, units).</summary>
[MemoryDiagnoser]
public class SnapshotBenchmarks
{
    private LoadResult _loaded = null!;

    [GlobalSetup]
    public void Setup() => _loaded = Fixtures.LoadFleet();

    [Benchmark]
    public int BuildSnapshot()
    {
        var snapshot = SnapshotBuilder.FromLoadResult(_loaded);
        return snapshot.Units.Length;
    }
}

/// <summary>Translating a 1,000-object fleet's snapshot, per mesh.</summary>
[MemoryDiagnoser]
public class TranslateBenchmarks
{
    private MeshSnapshot _snapshot = null!;
    private IMeshTranslator _translator = null!;

    [ParamsSource(nameof(Meshes))]
    public string Mesh { get; set; } = "istio";

    public static IEnumerable<string> Meshes => Fixtures.Meshes;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = Fixtures.Snapshot();
        _translator = Fixtures.Translator(Mesh);
    }

    [Benchmark]
    public int Translate() => _translator.Translate(_snapshot).Resources.Length;
}

/// <summary>Writing a mesh's translated 1,000-object fleet as YAML, as <c>smi translate</c> does.</summary>
[MemoryDiagnoser]
public class YamlEmitBenchmarks
{
    private IReadOnlyList<JsonObject> _output = [];

    [ParamsSource(nameof(Meshes))]
    public string Mesh { get; set; } = "istio";

    public static IEnumerable<string> Meshes => Fixtures.Meshes;

    [GlobalSetup]
    public void Setup() => _output = Fixtures.Output(Mesh);

    [Benchmark]
    public int EmitYaml() => ManifestWriter.ToYaml(_output).Length;
}

/// <summary>Reading the 1,000-object fleet's YAML files into typed objects.</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private IReadOnlyList<Fleet.FleetFile> _files = [];

    [GlobalSetup]
    public void Setup() => _files = Fixtures.Files();

    [Benchmark]
    public int LoadFleet() => Fixtures.LoadFleet(_files).Objects.Length;
}

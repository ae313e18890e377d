using BenchmarkDotNet.Attributes;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;

namespace Smi.Benchmarks;

/// <summary>
/// Reading one representative object of each SMI kind and version and converting it to the hub model:
/// <see cref="ManifestLoader"/> then <see cref="SnapshotBuilder"/>.
/// </summary>
[MemoryDiagnoser]
public class ParseConvertBenchmarks
{
    private string _text = string.Empty;

    [ParamsSource(nameof(Versions))]
    public string Version { get; set; } = "split.smi-spec.io/v1alpha4 TrafficSplit";

    public static IEnumerable<string> Versions => SmiSamples.ByVersion.Keys;

    [GlobalSetup]
    public void Setup() => _text = SmiSamples.ByVersion[Version];

    [Benchmark]
    public int ParseAndConvert()
    {
        var loaded = new ManifestLoader().LoadText(_text, "sample.yaml");
        return new SnapshotBuilder().Add(loaded).Build().Diagnostics.Length + loaded.Objects.Length;
    }
}

using Smi.Abstractions.Serialization;

namespace Smi.Abstractions.Tests;

public sealed class ManifestLoaderByFileTests : IDisposable
{
    private const string Split = """
        apiVersion: split.smi-spec.io/v1alpha4
        kind: TrafficSplit
        metadata:
          name: web
          namespace: shop
        spec:
          service: web
          backends:
          - service: web-v1
            weight: 90
          - service: web-v2
            weight: 10
        """;

    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: shop
        spec:
          ports:
          - port: 80
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("smi-by-file-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Parts_Joined_Are_What_LoadPaths_Returns_With_Refusals_In_Place()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "a.yaml"), Split + "\n---\n" + Service);
        File.WriteAllText(
            Path.Combine(_folder.FullName, "b.yaml"), "apiVersion: v1\nkind: Service\nmetadata: {name: x\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "c.yaml"), Service.Replace("name: web", "name: api"));
        var missingBefore = Path.Combine(_folder.FullName, "missing-before.yaml");
        var missingAfter = Path.Combine(_folder.FullName, "missing-after.yaml");
        string[] paths = [missingBefore, _folder.FullName, missingAfter];
        var loader = new ManifestLoader();

        var whole = loader.LoadPaths(paths);
        var parts = loader.LoadPathsByFile(paths).ToList();

        // One part per file; the refusal of the first path comes with the first file, the last one on its own.
        Assert.Equal(4, parts.Count);
        Assert.Equal([2, 0, 1, 0], parts.Select(p => p.Objects.Length));
        Assert.Equal("FileNotFound", parts[0].Diagnostics[0].Reason);
        Assert.Equal(missingAfter, Assert.Single(parts[3].Diagnostics).Location?.File);
        Assert.Equal(whole.Diagnostics, parts.SelectMany(p => p.Diagnostics));
        Assert.Equal(
            whole.Objects.Select(o => (o.Ref, o.Location)),
            parts.SelectMany(p => p.Objects).Select(o => (o.Ref, o.Location)));
        Assert.Equal(3, whole.Objects.Length);
        Assert.Contains(whole.Diagnostics, d => d.Reason == "MalformedYaml");
    }

    [Fact]
    public void Files_Are_Read_As_The_Parts_Are_Enumerated()
    {
        var first = Path.Combine(_folder.FullName, "a.yaml");
        var second = Path.Combine(_folder.FullName, "b.yaml");
        File.WriteAllText(first, Split);
        File.WriteAllText(second, Service);

        using var parts = new ManifestLoader().LoadPathsByFile([first, second]).GetEnumerator();
        Assert.True(parts.MoveNext());
        File.WriteAllText(second, Service.Replace("name: web", "name: api"));
        Assert.True(parts.MoveNext());

        Assert.Equal("api", parts.Current.Objects.Single().Ref.Name);
        Assert.False(parts.MoveNext());
    }
}

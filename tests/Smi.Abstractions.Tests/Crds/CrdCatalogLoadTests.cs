using Smi.Abstractions.Crds;

namespace Smi.Abstractions.Tests.Crds;

public sealed class CrdCatalogLoadTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("smi-crds-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string CrdYamlOf(string kind, string version, string field) => $"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: {kind.ToLowerInvariant()}s.example.test
        spec:
          group: example.test
          scope: Namespaced
          names: {"{"}kind: {kind}, plural: {kind.ToLowerInvariant()}s{"}"}
          versions:
          - name: {version}
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec: {"{"}type: object, properties: {"{"}{field}: {"{"}type: string{"}"}{"}"}{"}"}
        """;

    private string Write(string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Loads_FoldersRecursively_SkipsUnparsableFiles_IgnoresOtherDocuments()
    {
        Write("a/one.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n" + CrdYamlOf("Widget", "v1", "colour"));
        Write("b/two.yml", CrdYamlOf("Gadget", "v1", "size"));
        Write("b/ignored.txt", CrdYamlOf("Ignored", "v1", "x"));
        var template = Write("c/helm/crd.yaml", "{{- if .Values.enabled }}\n" + CrdYamlOf("Templated", "v1", "x") + "\n{{- end }}\n");

        var catalog = CrdCatalog.Load([folder]);

        Assert.Equal(["gadgets.example.test", "widgets.example.test"], catalog.Definitions.Select(d => d.Name));
        Assert.Equal([template], catalog.SkippedFiles);
        Assert.True(catalog.Serves("example.test/v1", "Widget"));
        Assert.EndsWith("one.yaml", catalog.Find("example.test", "Widget")!.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void LaterFilesWin()
    {
        var first = Write("first/crd.yaml", CrdYamlOf("Widget", "v1", "colour"));
        var second = Write("second/crd.yaml", CrdYamlOf("Widget", "v2", "size"));

        var catalog = CrdCatalog.Load([second, first]);

        Assert.True(catalog.Serves("example.test/v1", "Widget"));
        Assert.False(catalog.Serves("example.test/v2", "Widget"));
    }

    [Fact]
    public void Throws_ForMissingPath() =>
        Assert.Throws<FileNotFoundException>(() => CrdCatalog.Load([Path.Combine(folder, "missing")]));
}

using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Tests;

public class ManifestLoaderTests
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

    [Fact]
    public void Loads_TrafficSplit_IntoHub()
    {
        var loaded = new ManifestLoader().LoadText(Split, "in.yaml");
        Assert.Empty(loaded.Diagnostics);
        var snapshot = SnapshotBuilder.FromLoadResult(loaded);
        var split = Assert.Single(snapshot.Splits);
        Assert.Equal("web", split.RootService);
        Assert.Equal([new SplitBackend("web-v1", 90), new SplitBackend("web-v2", 10)], split.Backends.ToArray());
    }

    [Fact]
    public void Accepts_BothHeaderEncodings()
    {
        const string text = """
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: list, namespace: ns}
            spec:
              matches:
              - name: android
                headers:
                - user-agent: ".*Android.*"
                - x-debug: "1"
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: HTTPRouteGroup
            metadata: {name: map, namespace: ns}
            spec:
              matches:
              - name: android
                headers:
                  user-agent: ".*Android.*"
                  x-debug: "1"
            """;
        var snapshot = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(text, "in.yaml"));
        Assert.Empty(snapshot.Diagnostics);
        var expected = new[] { new HeaderMatch("user-agent", ".*Android.*"), new HeaderMatch("x-debug", "1") };
        Assert.Equal(expected, snapshot.FindRouteGroup("ns", "list")!.Matches[0].Headers);
        Assert.Equal(expected, snapshot.FindRouteGroup("ns", "map")!.Matches[0].Headers);
    }

    [Fact]
    public void Reports_MalformedYaml_WithFileAndLine_AndKeepsOtherDocuments()
    {
        var text = Split + "\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: [broken\n";
        var loaded = new ManifestLoader().LoadText(text, "in.yaml");
        var diagnostic = Assert.Single(loaded.Diagnostics);
        Assert.Equal("MalformedYaml", diagnostic.Reason);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("in.yaml", diagnostic.Location!.File);
        Assert.InRange(diagnostic.Location.Line, 14, 18);
        Assert.Single(loaded.Objects);
    }

    [Fact]
    public void Reports_UnknownSmiApiVersion()
    {
        var loaded = new ManifestLoader().LoadText(Split.Replace("v1alpha4", "v1beta9", StringComparison.Ordinal), "in.yaml");
        var diagnostic = Assert.Single(loaded.Diagnostics);
        Assert.Equal("UnknownApiVersion", diagnostic.Reason);
        Assert.Equal("apiVersion", diagnostic.FieldPath);
    }

    [Fact]
    public void Ignores_OtherKinds_WithInfo()
    {
        var loaded = new ManifestLoader().LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n", "in.yaml");
        var diagnostic = Assert.Single(loaded.Diagnostics);
        Assert.Equal(("IgnoredKind", DiagnosticSeverity.Info), (diagnostic.Reason, diagnostic.Severity));
        Assert.Empty(loaded.Objects);
    }

    [Fact]
    public void PlainStream_IsReadWithOneParser_AtTheLinesThePerDocumentReaderGives()
    {
        const string text = "# header\nkind: A\n---\nkind: B\n--- # note\n\nkind: C\n--- {\"kind\": \"D\"}\n---\n";
        var documents = YamlDocumentReader.TryRead(text);

        Assert.NotNull(documents);
        Assert.Equal(
            [("A", 1), ("B", 4), ("C", 6), ("D", 8)],
            documents.Where(d => d.Root is not null).Select(d => (d.Root!["kind"]!.GetValue<string>(), d.FirstLine)));
        Assert.Equal(
            ManifestLoader.SplitDocuments(text).Select(d => d.FirstLine).ToArray(),
            documents.Where(d => d.Root is not null).Select(d => d.FirstLine).ToArray());
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: 1\n...\nb: 2\n")]
    [InlineData("a: [1\n")]
    public void UnusualStream_IsLeftToThePerDocumentReader(string text) =>
        Assert.Null(YamlDocumentReader.TryRead(text));
}

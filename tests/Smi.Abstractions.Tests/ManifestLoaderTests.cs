using System.Text.Json.Nodes;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Testing;

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
            documents.Where(d => d.Utf8Json is not null).Select(d => (d.Kind, d.FirstLine)));
        Assert.Equal(
            ManifestLoader.SplitDocuments(text).Select(d => d.FirstLine).ToArray(),
            documents.Where(d => d.Utf8Json is not null).Select(d => d.FirstLine).ToArray());
    }

    [Fact]
    public void ContextKinds_ReadStraightFromTheParser_AreWhatTheJsonPathReads()
    {
        const string text = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              namespace: shop
              uid: 6f1c
              labels: {app: web, tier: "1"}
            spec:
              selector:
                app: web
              ports:
              - name: http
                port: 80
                targetPort: 8080
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            spec:
              replicas: 2
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  serviceAccountName: web
                  containers:
                  - name: app
                    image: example/web:1.0
                    ports:
                    - containerPort: 8080
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            """;
        var loader = new ManifestLoader();
        var loaded = loader.LoadText(text, "in.yaml");
        Assert.Empty(loaded.Diagnostics);
        Assert.Equal([1, 16, 35], loaded.Objects.Select(o => o.Location.Line));
        foreach (var item in loaded.Objects)
        {
            var viaNodes = Assert.Single(loader.LoadObject(item.Json, item.Location).Objects);
            Assert.Equal(viaNodes.Ref, item.Ref);
            Assert.Equal(viaNodes.Ref.Uid, item.Ref.Uid);
            Assert.Equal(k8s.KubernetesJson.Serialize(viaNodes.Resource), k8s.KubernetesJson.Serialize(item.Resource));
        }

        Assert.Equal("6f1c", loaded.Objects[0].Ref.Uid);
        Assert.Equal("1", loaded.Objects[0].Json["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Null(loaded.Objects[2].Ref.Namespace);
    }

    [Fact]
    public void SmiDocuments_ReadStraightFromUtf8_AreWhatTheJsonPathReads()
    {
        var files = Directory.EnumerateFiles(RepositoryPaths.TestData, "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal);
        var compared = 0;
        foreach (var file in files)
        {
            compared += CompareWithNodePath(File.ReadAllText(file), file);
        }

        Assert.True(compared > 100, $"only {compared} SMI documents compared");
    }

    [Theory]
    [InlineData("spec:\n  service: web\n  backends:\n  - {service: a, weight: 1, colour: red}\n  extra: {a: 1}\n")]
    [InlineData("spec:\n  service: web\n  backends: 5\n")]
    [InlineData("spec:\n  service: web\n  backends:\n  - service: a\n    weight: heavy\n")]
    [InlineData("spec:\n  service: [web]\n  backends:\n  - {service: a, weight: 1}\n")]
    [InlineData("spec:\n  service: web\n  backends:\n  - service: a\n    weight: 1\n    headers: {a: b}\n")]
    public void SmiDocuments_WithUnknownOrWrongFields_ReportWhatTheJsonPathReports(string spec)
    {
        var text = "apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nmetadata:\n  name: web\n"
            + "  namespace: shop\n" + spec;
        Assert.Equal(1, CompareWithNodePath(text, "in.yaml"));
    }

    [Theory]
    [InlineData("v1alpha4", "  - name: android\n    headers:\n    - user-agent: .*Android.*\n")]
    [InlineData("v1alpha4", "  - name: android\n    headers:\n      user-agent: .*Android.*\n")]
    [InlineData("v1alpha4", "  - name: android\n    headers:\n    - 5\n")]
    [InlineData("v1alpha1", "  - name: android\n    headers:\n    - user-agent: .*Android.*\n    - user-agent: x\n")]
    [InlineData("v1alpha4", "  - name: api\n    pathRegex: /api\n    method: [GET]\n")]
    public void RouteGroups_ReadStraightFromUtf8_AreWhatTheJsonPathReads(string version, string matches)
    {
        var text = $"apiVersion: specs.smi-spec.io/{version}\nkind: HTTPRouteGroup\nmetadata:\n  name: web\n"
            + "  namespace: shop\nspec:\n  matches:\n" + matches;
        Assert.Equal(1, CompareWithNodePath(text, "in.yaml"));
    }

    [Theory]
    [InlineData("metadata:\n  name: web\n", "default")]
    [InlineData("metadata:\n  name: web\n  namespace: shop\nspec:\n  ports:\n  - null\n", "InvalidField")]
    [InlineData("metadata:\n  name: web\n  namespace: 5\n", "InvalidField")]
    [InlineData("metadata:\n  name: 5\n  namespace: shop\n", "MissingName")]
    public void ContextKinds_WithWhatOnlyTheNodesCheck_AreReadAsBefore(string rest, string nsOrReason)
    {
        var loaded = new ManifestLoader().LoadText("apiVersion: v1\nkind: Service\n" + rest, "in.yaml");
        if (nsOrReason != "default")
        {
            Assert.Equal(nsOrReason, Assert.Single(loaded.Diagnostics).Reason);
            Assert.Empty(loaded.Objects);
        }
        else
        {
            Assert.Empty(loaded.Diagnostics);
            Assert.Equal(nsOrReason, Assert.Single(loaded.Objects).Ref.Namespace);
        }
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: 1\n...\nb: 2\n")]
    [InlineData("a: [1\n")]
    public void UnusualStream_IsLeftToThePerDocumentReader(string text) =>
        Assert.Null(YamlDocumentReader.TryRead(text));

    /// <summary>
    /// Loads a text and, for comparison, each of its plain documents through the JSON node path; asserts that both
    /// give the same diagnostics and objects, and returns how many SMI documents the text holds.
    /// </summary>
    private static int CompareWithNodePath(string text, string fileName)
    {
        if (BlockManifestReader.TryRead(text) is not { } documents)
        {
            return 0;
        }

        var loader = new ManifestLoader();
        var loaded = loader.LoadText(text, fileName);
        var objects = new List<LoadedObject>();
        var diagnostics = new List<Diagnostic>();
        var smiDocuments = 0;
        foreach (var document in documents)
        {
            if (document.Utf8Json is null || JsonNode.Parse(document.Utf8Json) is not JsonObject obj)
            {
                return 0;
            }

            smiDocuments += document.ApiVersion?.Contains("smi-spec.io", StringComparison.Ordinal) == true ? 1 : 0;
            var viaNodes = loader.LoadObject(obj, new SourceLocation(fileName, document.FirstLine));
            objects.AddRange(viaNodes.Objects);
            diagnostics.AddRange(viaNodes.Diagnostics);
        }

        Assert.Equal(diagnostics, loaded.Diagnostics);
        Assert.Equal(objects.Count, loaded.Objects.Length);
        for (var i = 0; i < objects.Count; i++)
        {
            Assert.Equal(objects[i].Ref, loaded.Objects[i].Ref);
            Assert.Equal(objects[i].Ref.Uid, loaded.Objects[i].Ref.Uid);
            Assert.Equal(objects[i].Location, loaded.Objects[i].Location);
            Assert.Equal(objects[i].Json.ToJsonString(), loaded.Objects[i].Json.ToJsonString());
            Assert.Equal(
                k8s.KubernetesJson.Serialize(objects[i].Resource),
                k8s.KubernetesJson.Serialize(loaded.Objects[i].Resource));
        }

        return smiDocuments;
    }
}

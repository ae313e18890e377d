using System.Text;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Migration;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

public sealed class SmiMigrationTests : IDisposable
{
    private const string App = """
        # The app, untouched by the migration.
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v1, namespace: shop}
        spec:
          selector: {app: web, version: v1}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-v2, namespace: shop}
        spec:
          selector: {app: web, version: v2}
          ports: [{name: http, port: 80}]

        """;

    private const string Split = "# keep this comment\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: settings, namespace: shop}\r\ndata: {a: \"1\"}\r\n---\r\n# The canary.\r\napiVersion: split.smi-spec.io/v1alpha4\r\nkind: TrafficSplit\r\nmetadata: {name: web-canary, namespace: shop}\r\nspec:\r\n  service: web\r\n  backends:\r\n  - {service: web-v1, weight: 90}\r\n  - {service: web-v2, weight: 10}\r\n---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: after, namespace: shop}\r\n";

    private const string Unused = """
        apiVersion: specs.smi-spec.io/v1alpha4
        kind: HTTPRouteGroup
        metadata: {name: unused, namespace: shop}
        spec:
          matches:
          - {name: all, pathRegex: /}

        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "smi-migrate-" + Guid.NewGuid().ToString("N"));

    private string Input => Path.Combine(_root, "in");

    private string Output => Path.Combine(_root, "out");

    public SmiMigrationTests()
    {
        Write("apps/web.yaml", App);
        Write("apps/split.yml", Split);
        Write("smi/unused.yaml", Unused);
        Write("README.md", "not a manifest\n");
        Write("kustomization.yaml", "resources: [apps/web.yaml]\n");
        File.WriteAllBytes(Path.Combine(Input, "apps", "bom.yaml"), [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bom}\n")]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Migrate_ReplacesSmiDocumentsAndKeepsEverythingElse()
    {
        var result = Migrate();

        Assert.True(result.ExitCode == 0, result.Report);
        Assert.True(result.Written);
        foreach (var file in new[] { "apps/web.yaml", "README.md", "kustomization.yaml", "apps/bom.yaml" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(Input, file)), File.ReadAllBytes(Path.Combine(Output, file)));
        }

        var split = File.ReadAllText(Path.Combine(Output, "apps", "split.yml"));
        Assert.StartsWith("# keep this comment\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: settings, namespace: shop}\r\ndata: {a: \"1\"}\r\n---\n# The canary.\r\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n", split, StringComparison.Ordinal);
        Assert.EndsWith("---\r\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: after, namespace: shop}\r\n", split, StringComparison.Ordinal);
        Assert.DoesNotContain("TrafficSplit\n", split, StringComparison.Ordinal);
        var expected = GatewayApiGoldenTests.DefaultTranslator().Translate(GoldenTranslation.LoadSnapshot("canary-basic"));
        Assert.Contains(Abstractions.Serialization.ManifestWriter.ToYaml(expected.Resources.Select(r => r.ToJson())), split, StringComparison.Ordinal);

        Assert.DoesNotContain("HTTPRouteGroup", File.ReadAllText(Path.Combine(Output, "smi", "unused.yaml")), StringComparison.Ordinal);
        Assert.StartsWith("# Every SMI object", File.ReadAllText(Path.Combine(Output, "smi", "unused.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_ReportListsEverySmiObject()
    {
        var result = Migrate();

        Assert.Equal(["HTTPRouteGroup shop/unused", "TrafficSplit shop/web-canary"], result.Objects.Select(o => $"{o.Source.Kind} {o.Source.Namespace}/{o.Source.Name}").Order(StringComparer.Ordinal));
        var canary = result.Objects.Single(o => o.Source.Kind == "TrafficSplit");
        var replacement = Assert.Single(canary.ReplacedBy);
        Assert.Equal(("HTTPRoute", "shop", "web-80"), (replacement.Kind, replacement.Namespace, replacement.Name));
        Assert.Equal("apps/split.yml", canary.WrittenTo);
        Assert.Equal("apps/split.yml", canary.Location.File);
        Assert.Equal(7, canary.Location.Line);
        Assert.Empty(result.Objects.Single(o => o.Source.Kind == "HTTPRouteGroup").ReplacedBy);

        var report = File.ReadAllText(Path.Combine(Output, MigrationResult.ReportFileName));
        Assert.Equal(result.Report, report);
        Assert.Contains("| TrafficSplit shop/web-canary | apps/split.yml:7 | HTTPRoute shop/web-80 | apps/split.yml |", report, StringComparison.Ordinal);
        Assert.Contains("| HTTPRouteGroup shop/unused | smi/unused.yaml:1 | nothing | - |", report, StringComparison.Ordinal);
        Assert.DoesNotContain(_root, report, StringComparison.Ordinal);
        Assert.Contains(MigrationResult.ReportFileName, result.Files);
    }

    [Fact]
    public void Migrate_WithErrors_WritesNothing_UnlessForced()
    {
        Write("apps/broken.yaml", "apiVersion: split.smi-spec.io/v1alpha4\nkind: TrafficSplit\nmetadata: {name: lost, namespace: shop}\nspec:\n  service: missing\n  backends:\n  - {service: web-v1, weight: 1}\n");

        var refused = Migrate();
        Assert.Equal(1, refused.ExitCode);
        Assert.False(refused.Written);
        Assert.False(Directory.Exists(Output));
        Assert.Contains(refused.Diagnostics, d => d.Reason == "RootServiceNotFound");
        Assert.Contains("Nothing was written", refused.Report, StringComparison.Ordinal);

        var forced = Migrate(force: true);
        Assert.Equal(1, forced.ExitCode);
        Assert.True(forced.Written);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Input, "apps", "web.yaml")), File.ReadAllBytes(Path.Combine(Output, "apps", "web.yaml")));
        Assert.Contains("RootServiceNotFound", File.ReadAllText(Path.Combine(Output, MigrationResult.ReportFileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Migrate_MalformedYaml_StopsTheWrite()
    {
        Write("apps/bad.yaml", "apiVersion: v1\nkind: [\n");
        var result = Migrate();
        Assert.Equal(1, result.ExitCode);
        Assert.False(result.Written);
        Assert.Contains(result.Diagnostics, d => d.Reason == "MalformedYaml" && d.Location!.File == "apps/bad.yaml");
    }

    [Fact]
    public void Migrate_TrafficTargetsWithoutAccessControl_AreErrors_AndWithLinkerdBecomePolicies()
    {
        foreach (var file in Directory.EnumerateFiles(Input, "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        Write("shop.yaml", File.ReadAllText(Path.Combine(GoldenCases.Folder("gateway-api-access-delegated"), "input.yaml")));

        var refused = Migrate();
        Assert.False(refused.Written);
        Assert.Contains(refused.Diagnostics, d => d.Reason == "AccessControlNotTranslated");

        var linkerd = new SmiMigration(new GatewayApiTranslator(new TranslationOptions(), new GatewayApiOptions { AccessControl = GatewayApiAccessControl.Linkerd }))
            .Run(new MigrationOptions { Paths = [Input], OutputDirectory = Output });
        Assert.True(linkerd.Written);
        var text = File.ReadAllText(Path.Combine(Output, "shop.yaml"));
        Assert.Contains("kind: Server\n", text, StringComparison.Ordinal);
        Assert.Contains("kind: Deployment\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("smi-spec.io", text.Replace("smi-adapter.io", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        var target = linkerd.Objects.Single(o => o.Source.Kind == "TrafficTarget");
        Assert.Contains(target.ReplacedBy, r => r.Kind == "AuthorizationPolicy");
    }

    [Fact]
    public void Migrate_JsonFile_StaysJson()
    {
        Write("apps/split.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        Write("apps/split.json", """{"apiVersion": "split.smi-spec.io/v1alpha4", "kind": "TrafficSplit", "metadata": {"name": "web-canary", "namespace": "shop"}, "spec": {"service": "web", "backends": [{"service": "web-v1", "weight": 90}, {"service": "web-v2", "weight": 10}]}}""");
        var result = Migrate();
        Assert.True(result.Written);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "apps", "split.json")))!;
        Assert.Equal("HTTPRoute", json["kind"]!.GetValue<string>());
    }

    private MigrationResult Migrate(bool force = false) =>
        new SmiMigration(GatewayApiGoldenTests.DefaultTranslator()).Run(new MigrationOptions { Paths = [Input], OutputDirectory = Output, Force = force });

    private void Write(string relative, string text)
    {
        var path = Path.Combine(Input, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}

using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Testing;

namespace Smi.Abstractions.Tests.Validation;

/// <summary>
/// The hostile-value table through the gates this library holds: the validation every gate shares (snapshot) and the
/// generated CRD schema, checked with the strict schema checker.
/// </summary>
public class HostileValueGateTests
{
    private static readonly CrdCatalog Generated = CrdCatalog.FromObjects(SmiCrdGenerator.Generate());

    public static TheoryData<string> Labels => [.. HostileValues.All.Select(c => c.Label)];

    public static TheoryData<string> SchemaLabels =>
        [.. HostileValues.All.Where(c => c.SchemaRefuses).Select(c => c.Label)];

    [Theory]
    [MemberData(nameof(Labels))]
    public void Validation_Refuses_NamingObjectFieldAndLine(string label)
    {
        var hostile = HostileValues.All.Single(c => c.Label == label);
        var loaded = new ManifestLoader().LoadText(hostile.Yaml, "hostile.yaml");
        var snapshot = SnapshotBuilder.FromLoadResult(loaded);

        var error = Assert.Single(
            snapshot.Diagnostics,
            d => d.Severity == DiagnosticSeverity.Error && d.FieldPath == hostile.Field);
        Assert.NotNull(error.Object);
        Assert.Equal("hostile.yaml", error.Location?.File);
        Assert.True(error.Location!.Line > 0, error.ToString());
        Assert.DoesNotContain('\u0001', error.Message);
    }

    [Theory]
    [MemberData(nameof(SchemaLabels))]
    public void CrdSchema_Refuses_NamingTheField(string label)
    {
        var hostile = HostileValues.All.Single(c => c.Label == label);
        var loaded = new ManifestLoader().LoadText(hostile.Yaml, "hostile.yaml");
        var json = Assert.Single(loaded.Objects).Json;

        var violations = Generated.Validate((JsonObject)json.DeepClone());

        Assert.Contains(violations, v => v.Path == hostile.Field);
    }

    [Fact]
    public void CrdSchema_Accepts_TheValidNeighbours()
    {
        var valid = new ManifestLoader().LoadText(
            """
            apiVersion: split.smi-spec.io/v1alpha4
            kind: TrafficSplit
            metadata: {name: s, namespace: shop}
            spec:
              service: web
              backends: [{service: web-v1, weight: 2147483647}, {service: web-v2, weight: 0}]
            ---
            apiVersion: specs.smi-spec.io/v1alpha4
            kind: TCPRoute
            metadata: {name: tcp, namespace: shop}
            spec: {matches: {ports: [1, 65535]}}
            """,
            "valid.yaml");

        Assert.All(loaded(valid), json => Assert.Empty(Generated.Validate(json)));

        static IEnumerable<JsonObject> loaded(LoadResult result) =>
            result.Objects.Select(o => (JsonObject)o.Json.DeepClone());
    }
}

using System.Text.Json;
using k8s;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Resources;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Tests.Conversion;

/// <summary>Loads YAML samples, builds snapshots, and round-trips objects through the hub.</summary>
internal static class ConversionHarness
{
    private static readonly JsonSerializerOptions HubJsonOptions = new() { WriteIndented = true };

    /// <summary>Loads YAML and builds a snapshot; fails on load diagnostics and on any error.</summary>
    public static MeshSnapshot LoadSnapshot(string yaml)
    {
        var loaded = new ManifestLoader().LoadText(yaml, "in.yaml");
        Assert.Empty(loaded.Diagnostics);
        var snapshot = SnapshotBuilder.FromLoadResult(loaded);
        Assert.DoesNotContain(snapshot.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return snapshot;
    }

    /// <summary>Loads YAML and builds a snapshot, keeping every diagnostic.</summary>
    public static MeshSnapshot SnapshotWithDiagnostics(string yaml) =>
        SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(yaml, "in.yaml"));

    /// <summary>Loads exactly one SMI object.</summary>
    public static SmiObject LoadOne(string yaml)
    {
        var loaded = new ManifestLoader().LoadText(yaml, "in.yaml");
        Assert.Empty(loaded.Diagnostics);
        return Assert.IsAssignableFrom<SmiObject>(Assert.Single(loaded.Objects).Resource);
    }

    /// <summary>Loads every SMI object of a text.</summary>
    public static IReadOnlyList<SmiObject> LoadAll(string yaml)
    {
        var loaded = new ManifestLoader().LoadText(yaml, "in.yaml");
        Assert.Empty(loaded.Diagnostics);
        return [.. loaded.Objects.Select(o => o.Resource).OfType<SmiObject>()];
    }

    /// <summary>Hub records hold immutable arrays, which compare by reference; compare them as JSON.</summary>
    public static string HubJson(object hub) => JsonSerializer.Serialize(hub, hub.GetType(), HubJsonOptions);

    /// <summary>Asserts two hub records are equal field by field.</summary>
    public static void AssertHubEqual(object expected, object actual) => Assert.Equal(HubJson(expected), HubJson(actual));

    /// <summary>Asserts version -> hub -> same version gives the same JSON and reports nothing.</summary>
    public static void AssertRoundTrip(SmiObject resource)
    {
        var version = SmiVersions.Find(resource.ApiVersion, resource.Kind);
        Assert.NotNull(version);
        var context = new ConversionContext(RefOf(resource));
        var back = version.FromHub(version.ToHub(resource, context), resource.Metadata, context);
        Assert.Empty(context.Diagnostics);
        Assert.Equal(KubernetesJson.Serialize(resource), KubernetesJson.Serialize(back));

        var viaConverter = SmiConverter.Convert(resource, version.Version, new ConversionContext(RefOf(resource)));
        Assert.Equal(KubernetesJson.Serialize(resource), KubernetesJson.Serialize(viaConverter));
    }

    /// <summary>Converts and returns the result with what was reported.</summary>
    public static (SmiObject Result, IReadOnlyList<Diagnostic> Diagnostics) Convert(SmiObject resource, string targetVersion)
    {
        var context = new ConversionContext(RefOf(resource));
        var result = SmiConverter.Convert(resource, targetVersion, context);
        return (result, context.Diagnostics);
    }

    /// <summary>The field paths of the lossy-conversion warnings.</summary>
    public static string[] LossyPaths(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Where(d => d.Reason == "LossyConversion").Select(d => d.FieldPath ?? string.Empty)];

    /// <summary>The reference of an object.</summary>
    public static ResourceRef RefOf(SmiObject resource) =>
        new(resource.ApiVersion, resource.Kind, resource.Metadata?.NamespaceProperty, resource.Metadata?.Name ?? string.Empty);
}

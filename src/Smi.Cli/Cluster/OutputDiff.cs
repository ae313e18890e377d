using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Translation;
using Smi.Kube.Fields;

namespace Smi.Cli.Cluster;

/// <summary>
/// Compares what the controller would apply with the outputs in the cluster: a desired output that is not there is
/// a create, one whose fields differ an update, and a live output with the controller's labels that no SMI object
/// wants a prune. Only the fields the controller decides are compared (<see cref="OwnedFieldsView"/>).
/// </summary>
internal static class OutputDiff
{
    /// <param name="desired">The translation's outputs.</param>
    /// <param name="live">The outputs listed with the controller's labels.</param>
    /// <param name="fieldManager">The controller's field manager.</param>
    /// <returns>The changes, ordered by name.</returns>
    public static IReadOnlyList<OutputChange> Compare(
        IEnumerable<GeneratedResource> desired, IEnumerable<JsonObject> live, string fieldManager)
    {
        var wanted = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var resource in desired)
        {
            var json = OutputHash.ApplyConfiguration(resource.ToJson(), out _);
            wanted[Key(json)] = json;
        }

        var present = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var obj in live)
        {
            present[Key(obj)] = obj;
        }

        var changes = new List<OutputChange>();
        foreach (var (key, json) in wanted)
        {
            var desiredText = ManifestWriter.ToYaml(OwnedFieldsView.Desired(json));
            if (!present.TryGetValue(key, out var current))
            {
                changes.Add(new OutputChange(OutputAction.Create, FileName(json), string.Empty, desiredText));
                continue;
            }

            var liveText = ManifestWriter.ToYaml(OwnedFieldsView.Of(current, json, fieldManager));
            if (!string.Equals(liveText, desiredText, StringComparison.Ordinal))
            {
                changes.Add(new OutputChange(OutputAction.Update, FileName(json), liveText, desiredText));
            }
        }

        foreach (var (key, current) in present.Where(p => !wanted.ContainsKey(p.Key)))
        {
            var liveText = ManifestWriter.ToYaml(OwnedFieldsView.Of(current, null, fieldManager));
            changes.Add(new OutputChange(OutputAction.Prune, FileName(current), liveText, string.Empty));
        }

        return [.. changes.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    /// <summary>Group, kind, namespace and name: the version an object is read or applied in does not matter.</summary>
    private static string Key(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.ToString() ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var metadata = obj["metadata"] as JsonObject;
        return string.Join(
            '\n',
            slash < 0 ? string.Empty : apiVersion[..slash],
            obj["kind"]?.ToString(),
            metadata?["namespace"]?.ToString(),
            metadata?["name"]?.ToString());
    }

    /// <summary><c>group.version.Kind.namespace.name</c>, as kubectl diff names the files it compares.</summary>
    private static string FileName(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        var parts = new[]
        {
            obj["apiVersion"]?.ToString().Replace('/', '.'),
            obj["kind"]?.ToString(),
            metadata?["namespace"]?.ToString(),
            metadata?["name"]?.ToString(),
        };
        return string.Join('.', parts.Where(p => !string.IsNullOrEmpty(p)));
    }
}

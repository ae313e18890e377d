using System.Text.Json.Nodes;

namespace Smi.Cli.Install;

/// <summary>
/// What <c>smi uninstall</c> deletes, in a safe order: first what the API server calls on the controller's behalf
/// (webhook configurations, then APIServices), so that no request is sent to a controller that is gone; then the
/// controller and its Services, its RBAC, its ServiceAccount; the SMI CRDs last and only when asked.
/// </summary>
internal static class UninstallManifests
{
    private const int UnknownKindRank = 3;

    private static readonly Dictionary<string, int> KindRank = new(StringComparer.Ordinal)
    {
        ["MutatingWebhookConfiguration"] = 0,
        ["ValidatingWebhookConfiguration"] = 0,
        ["APIService"] = 1,
        ["Deployment"] = 2,
        ["RoleBinding"] = 4,
        ["ClusterRoleBinding"] = 4,
        ["Role"] = 5,
        ["ClusterRole"] = 5,
        ["ServiceAccount"] = 6,
        ["CustomResourceDefinition"] = 7,
    };

    /// <summary>
    /// References (apiVersion, kind, name, namespace) to the objects <c>smi install</c> creates with the same
    /// settings, in deletion order. The namespace is never listed (other controllers may share it); the
    /// CustomResourceDefinitions only with <paramref name="includeCrds"/> (and only when this installation owns CRD
    /// conversion, since only the owner's install creates them). With <paramref name="keepShared"/>, objects that
    /// another mesh's install also creates (the CRDs and the TrafficMetrics APIServices, whose names are cluster-wide;
    /// another mesh may own them) are left for the controllers that stay.
    /// </summary>
    public static IReadOnlyList<JsonObject> Build(InstallSettings settings, bool includeCrds, bool keepShared)
    {
        var others = keepShared
            ? InstallableMeshes.All()
                .Where(mesh => mesh != settings.Mesh)
                .SelectMany(mesh => InstallManifests.Build(settings with
                {
                    Mesh = mesh,
                    AccessControl = null,
                    CrdConversion = true,
                    MetricsApi = true,
                }))
                .Select(Identity)
                .ToHashSet()
            : [];
        return [.. InstallManifests.Build(settings)
            .Where(o => Kind(o) != "Namespace" && (includeCrds || Kind(o) != "CustomResourceDefinition"))
            .Where(o => !others.Contains(Identity(o)))
            .Select((o, index) => (Object: o, Index: index))
            .OrderBy(e => KindRank.GetValueOrDefault(Kind(e.Object), UnknownKindRank))
            .ThenBy(e => e.Index)
            .Select(e => Reference(e.Object))];
    }

    private static string Kind(JsonObject obj) => obj["kind"]!.GetValue<string>();

    private static string Identity(JsonObject obj) => Reference(obj).ToJsonString();

    private static JsonObject Reference(JsonObject obj)
    {
        var metadata = new JsonObject { ["name"] = obj["metadata"]!["name"]!.DeepClone() };
        if (obj["metadata"]!["namespace"] is { } ns)
        {
            metadata["namespace"] = ns.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = obj["apiVersion"]!.DeepClone(),
            ["kind"] = obj["kind"]!.DeepClone(),
            ["metadata"] = metadata,
        };
    }
}

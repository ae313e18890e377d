using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Merge;

/// <summary>
/// The parts of the built-in types' OpenAPI schemas that change how server-side apply merges them (the list and map
/// markers of <c>k8s.io/api</c>: <c>+listType</c>, <c>+listMapKey</c>, <c>+patchMergeKey</c>, maps of strings); every
/// other field of a built-in kind is a named field whose lists are atomic. <c>metadata</c> is ObjectMeta for every
/// kind: <c>labels</c> and <c>annotations</c> granular maps, <c>finalizers</c> a set, <c>ownerReferences</c> a map
/// list keyed by <c>uid</c>.
/// </summary>
internal static class BuiltInSchemas
{
    private const string StringMap = """{"type":"object","additionalProperties":{"type":"string"}}""";

    private const string Conditions = """
        {"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["type"],"items":{"type":"object"}}
        """;

    private const string ObjectMetaJson = """
        {"type":"object","properties":{
          "labels":@StringMap,
          "annotations":@StringMap,
          "finalizers":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
          "ownerReferences":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["uid"],
            "items":{"type":"object"}}}}
        """;

    private const string ContainersJson = """
        {"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object",
          "properties":{
            "ports":{"type":"array","x-kubernetes-list-type":"map",
              "x-kubernetes-list-map-keys":["containerPort","protocol"],
              "items":{"type":"object","properties":{"protocol":{"type":"string","default":"TCP"}}}},
            "env":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
              "items":{"type":"object"}}}}}
        """;

    private const string PodSpecJson = """
        {"type":"object","properties":{
          "containers":@ContainersJson,
          "initContainers":@ContainersJson,
          "nodeSelector":@StringMap,
          "volumes":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
            "items":{"type":"object"}}}}
        """;

    private const string WorkloadJson = """
        {"type":"object","properties":{
          "spec":{"type":"object","properties":{
            "selector":{"type":"object","properties":{"matchLabels":@StringMap}},
            "template":{"type":"object","properties":{"metadata":@ObjectMetaJson,"spec":@PodSpecJson}}}},
          "status":{"type":"object","properties":{"conditions":@Conditions}}}}
        """;

    private const string WithConditionsJson = """
        {"type":"object","properties":{"status":{"type":"object","properties":{"conditions":@Conditions}}}}
        """;

    private static readonly Dictionary<string, JsonObject> ByStorageKey = new(StringComparer.Ordinal)
    {
        ["/services"] = Parse("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{
                "selector":@StringMap,
                "ports":{"type":"array","x-kubernetes-list-type":"map",
                  "x-kubernetes-list-map-keys":["port","protocol"],
                  "items":{"type":"object","properties":{"protocol":{"type":"string","default":"TCP"}}}}}},
              "status":{"type":"object","properties":{"conditions":@Conditions}}}}
            """),
        ["/pods"] = Parse("""
            {"type":"object","properties":{"spec":@PodSpecJson,
              "status":{"type":"object","properties":{"conditions":@Conditions}}}}
            """),
        ["/configmaps"] = Parse("""{"type":"object","properties":{"data":@StringMap,"binaryData":@StringMap}}"""),
        ["/secrets"] = Parse("""{"type":"object","properties":{"data":@StringMap,"stringData":@StringMap}}"""),
        ["/namespaces"] = Parse(WithConditionsJson),
        ["apps/deployments"] = Parse(WorkloadJson),
        ["apps/statefulsets"] = Parse(WorkloadJson),
        ["apps/daemonsets"] = Parse(WorkloadJson),
        ["apps/replicasets"] = Parse(WorkloadJson),
        ["apiextensions.k8s.io/customresourcedefinitions"] = Parse(WithConditionsJson),
        ["apiregistration.k8s.io/apiservices"] = Parse(WithConditionsJson),
        ["admissionregistration.k8s.io/validatingwebhookconfigurations"] = Parse("""
            {"type":"object","properties":{"webhooks":{"type":"array","x-kubernetes-list-type":"map",
              "x-kubernetes-list-map-keys":["name"],"items":{"type":"object"}}}}
            """),
    };

    private static readonly SchemaNode ObjectMeta = SchemaNode.From(Parse(ObjectMetaJson), open: true);

    /// <summary>
    /// The type of a whole object: a custom resource's structural schema for its version, or the built-in table; in
    /// both, <c>metadata</c> is ObjectMeta.
    /// </summary>
    public static SchemaNode Root(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var fields = new Dictionary<string, SchemaNode>(StringComparer.Ordinal) { ["metadata"] = ObjectMeta };
        if (type.Crd is not null)
        {
            var schema = type.Crd.Versions.FirstOrDefault(v => v.Name == type.Version)?.Schema;
            return SchemaNode.WithFields(schema, open: false, fields);
        }

        return SchemaNode.WithFields(ByStorageKey.GetValueOrDefault(type.StorageKey), open: true, fields);
    }

    /// <summary>Parses a schema, first writing out the shared parts named <c>@Name</c> (innermost last).</summary>
    private static JsonObject Parse(string json)
    {
        var text = json
            .Replace("@WorkloadJson", WorkloadJson, StringComparison.Ordinal)
            .Replace("@WithConditionsJson", WithConditionsJson, StringComparison.Ordinal)
            .Replace("@PodSpecJson", PodSpecJson, StringComparison.Ordinal)
            .Replace("@ContainersJson", ContainersJson, StringComparison.Ordinal)
            .Replace("@ObjectMetaJson", ObjectMetaJson, StringComparison.Ordinal)
            .Replace("@Conditions", Conditions, StringComparison.Ordinal)
            .Replace("@StringMap", StringMap, StringComparison.Ordinal);
        return JsonNode.Parse(text)!.AsObject();
    }
}

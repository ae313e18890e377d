using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Schema;

/// <summary>
/// Field pruning of a custom object by its CRD version's structural schema, as kube-apiserver does on every write
/// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/, "Field pruning";
/// <c>k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning/algorithm.go</c>): a field that is neither in
/// <c>properties</c> nor allowed by <c>additionalProperties</c> is dropped, unless the object's schema has
/// <c>x-kubernetes-preserve-unknown-fields: true</c> (known properties below it are still pruned);
/// <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> are kept at the root and in
/// <c>x-kubernetes-embedded-resource</c> objects.
/// </summary>
internal static class StructuralPruning
{
    /// <summary>Prunes <paramref name="obj"/> in place; returns the dropped paths (<c>spec.x[0].y</c>).</summary>
    public static List<string> Prune(JsonObject schema, JsonObject obj)
    {
        var pruned = new List<string>();
        PruneObject(schema, obj, string.Empty, keepTypeMeta: true, pruned);
        return pruned;
    }

    private static void Prune(JsonObject schema, JsonNode? value, string path, List<string> pruned)
    {
        switch (value)
        {
            case JsonObject obj:
                PruneObject(schema, obj, path, SchemaFacts.IsTrue(schema, "x-kubernetes-embedded-resource"), pruned);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Prune(items, array[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", pruned);
                }

                break;
        }
    }

    private static void PruneObject(
        JsonObject schema, JsonObject obj, string path, bool keepTypeMeta, List<string> pruned)
    {
        var preserve = SchemaFacts.IsTrue(schema, "x-kubernetes-preserve-unknown-fields");
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        foreach (var (key, child) in obj.ToList())
        {
            var here = path.Length == 0 ? key : path + "." + key;
            if (keepTypeMeta && key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (properties?[key] is JsonObject declared)
            {
                Prune(declared, child, here, pruned);
            }
            else if (additional is JsonObject map)
            {
                Prune(map, child, here, pruned);
            }
            else if (!preserve && !SchemaFacts.IsTrue(schema, "additionalProperties"))
            {
                obj.Remove(key);
                pruned.Add(here);
            }
        }
    }
}

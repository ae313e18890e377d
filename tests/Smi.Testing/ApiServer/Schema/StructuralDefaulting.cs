using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Schema;

/// <summary>
/// Applies a CRD version's <c>default:</c> values to a custom object, in kube-apiserver's order
/// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/, "Defaulting";
/// <c>k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting/algorithm.go</c>): in an object, every absent
/// property with a default gets a copy of it first, then each property (defaulted or sent) is defaulted in turn, so
/// a defaulted object receives its own nested defaults; list items and <c>additionalProperties</c> values are
/// defaulted by their schema. A <c>null</c> in a field that is not <c>nullable</c> counts as absent: it is defaulted
/// when the field has a default and dropped otherwise ("Defaulting and Nullable").
/// </summary>
internal static class StructuralDefaulting
{
    /// <summary>Defaults <paramref name="obj"/> in place.</summary>
    public static void Apply(JsonObject schema, JsonNode? obj)
    {
        switch (obj)
        {
            case JsonObject fields:
                ApplyObject(schema, fields);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is null && !SchemaFacts.IsTrue(items, "nullable") && items["default"] is { } value)
                    {
                        array[i] = value.DeepClone();
                    }

                    Apply(items, array[i]);
                }

                break;
        }
    }

    private static void ApplyObject(JsonObject schema, JsonObject obj)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (key, node) in properties)
            {
                if (node is not JsonObject property)
                {
                    continue;
                }

                var absent = !obj.TryGetPropertyValue(key, out var current);
                var nonNullableNull = !absent && current is null && !SchemaFacts.IsTrue(property, "nullable");
                if ((absent || nonNullableNull) && property["default"] is { } value)
                {
                    obj[key] = value.DeepClone();
                }
                else if (nonNullableNull)
                {
                    obj.Remove(key);
                }
            }
        }

        foreach (var (key, child) in obj.ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata" && schema["properties"]?[key] is null)
            {
                continue;
            }

            if (SchemaFacts.Field(schema, key) is { } field)
            {
                Apply(field, child);
            }
        }
    }
}

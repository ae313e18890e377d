using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// The fields of an object that a CRD version's structural schema does not declare, in structured-merge-diff's path
/// form (<c>.spec.http[0].route[0].weight</c>): what server-side apply fails on when it converts the applied object to
/// a typed value (<c>sigs.k8s.io/structured-merge-diff/v4/typed</c>, <c>field not declared in schema</c>).
/// <c>x-kubernetes-preserve-unknown-fields</c> and <c>additionalProperties</c> accept anything below them; a schema
/// node without properties, additionalProperties or items is taken as a leaf.
/// </summary>
internal static class UndeclaredFields
{
    /// <summary>The undeclared paths of a custom object (apiVersion, kind and metadata are always declared).</summary>
    public static List<string> Find(JsonObject schema, JsonObject obj)
    {
        var found = new List<string>();
        if (IsTrue(schema, "x-kubernetes-preserve-unknown-fields"))
        {
            return found;
        }

        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            Walk(schema, key, value, string.Empty, found);
        }

        return found;
    }

    private static void Walk(JsonObject parent, string key, JsonNode? value, string path, List<string> found)
    {
        var here = path + "." + key;
        if (parent["properties"] is JsonObject properties && properties[key] is JsonObject declared)
        {
            Walk(declared, value, here, found);
        }
        else if (parent["additionalProperties"] is JsonObject map)
        {
            Walk(map, value, here, found);
        }
        else if (!IsTrue(parent, "additionalProperties"))
        {
            found.Add(here);
        }
    }

    private static void Walk(JsonObject schema, JsonNode? value, string path, List<string> found)
    {
        if (IsTrue(schema, "x-kubernetes-preserve-unknown-fields"))
        {
            return;
        }

        switch (value)
        {
            case JsonObject obj when schema["properties"] is JsonObject || schema["additionalProperties"] is not null:
                foreach (var (key, child) in obj)
                {
                    if (IsTrue(schema, "x-kubernetes-embedded-resource") && key is "apiVersion" or "kind" or "metadata")
                    {
                        continue;
                    }

                    Walk(schema, key, child, path, found);
                }

                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(items, array[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", found);
                }

                break;
        }
    }

    private static bool IsTrue(JsonObject schema, string key) =>
        schema[key] is JsonValue flag && flag.TryGetValue<bool>(out var on) && on;
}

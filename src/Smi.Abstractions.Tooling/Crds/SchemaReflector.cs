using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s.Models;
using Smi.Abstractions.Validation;

namespace Smi.Abstractions.Crds;

/// <summary>
/// Builds a structural <c>openAPIV3Schema</c> from a typed SMI resource by reflection over its JSON-serialized
/// properties. Properties are sorted by JSON name so that the output is stable.
/// </summary>
/// <param name="kind">The kind, for the per-kind special cases.</param>
/// <param name="version">The version, for the per-version special cases.</param>
internal sealed class SchemaReflector(string kind, string version)
{
    private static readonly string[] RootFields = ["apiVersion", "kind", "metadata"];

    private readonly HashSet<Type> inProgress = [];

    /// <summary>The schema of a whole resource.</summary>
    /// <param name="resourceType">The typed resource (a <see cref="Resources.SmiObject"/>).</param>
    /// <returns>The <c>openAPIV3Schema</c>.</returns>
    public JsonObject ForResource(Type resourceType)
    {
        var schema = ForClass(resourceType, root: true);
        var properties = (JsonObject)schema["properties"]!;
        properties["apiVersion"] = new JsonObject { ["type"] = "string" };
        properties["kind"] = new JsonObject { ["type"] = "string" };
        properties["metadata"] = new JsonObject { ["type"] = "object" };

        // The bounds are for what users write; the status the controller writes keeps the Kubernetes limits.
        if (properties["status"] is JsonObject status)
        {
            Unbounded(status);
        }

        schema["properties"] = Sorted(properties);
        return schema;
    }

    private JsonObject ForClass(Type type, bool root)
    {
        if (!inProgress.Add(type))
        {
            return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        }

        try
        {
            var properties = new JsonObject();
            var required = new List<string>();
            var extensionData = false;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.GetMethod is null
                    || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
                {
                    continue;
                }

                if (property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
                {
                    extensionData = true;
                    continue;
                }

                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                    ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (root && RootFields.Contains(name))
                {
                    continue;
                }

                properties[name] = ForProperty(name, property.PropertyType);
                if (property.GetCustomAttribute<JsonRequiredAttribute>() is not null
                    || property.GetCustomAttribute<RequiredMemberAttribute>() is not null)
                {
                    required.Add(name);
                }
            }

            var schema = new JsonObject { ["type"] = "object" };
            if (properties.Count > 0 || root)
            {
                schema["properties"] = Sorted(properties);
            }

            if (required.Count > 0)
            {
                schema["required"] =
                    new JsonArray([.. required.Order(StringComparer.Ordinal).Select(r => JsonValue.Create(r))]);
            }

            if (extensionData)
            {
                schema["x-kubernetes-preserve-unknown-fields"] = true;
            }

            return schema;
        }
        finally
        {
            inProgress.Remove(type);
        }
    }

    private JsonObject ForProperty(string name, Type type)
    {
        // HTTPRouteGroup headers come as a map or as a list of one-entry maps; a structural schema cannot say
        // "object or array", so the field keeps whatever it is given.
        if (kind == "HTTPRouteGroup" && name == "headers")
        {
            return new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true };
        }

        // TrafficSplit weights: a resource.Quantity in v1alpha1, a number (the official CRDs) from v1alpha2 on.
        if (kind == "TrafficSplit" && name == "weight")
        {
            return version == "v1alpha1"
                ? new JsonObject
                {
                    // maximum and minimum apply to the integer form, pattern to the string form (JSON Schema
                    // validation keywords apply to their own type only).
                    ["x-kubernetes-int-or-string"] = true,
                    ["minimum"] = 0,
                    ["maximum"] = SmiBounds.MaxWeight,
                    ["pattern"] = SmiBounds.QuantityWeightPattern,
                }
                : new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = SmiBounds.MaxWeight };
        }

        var schema = ForType(type);
        switch (name)
        {
            case "service" when kind == "TrafficSplit":
            case "namespace" when kind == "TrafficTarget":
                schema["maxLength"] = SmiBounds.MaxLabelLength;
                schema["pattern"] = KubernetesNames.LabelPattern;
                break;
            case "serviceAccount" when kind == "IdentityBinding":
                schema["maxLength"] = SmiBounds.MaxSubdomainLength;
                schema["pattern"] = KubernetesNames.SubdomainPattern;
                break;
            case "pathRegex":
                schema["maxLength"] = SmiBounds.MaxRegexLength;
                break;
            case "port":
                Port(schema);
                break;
            case "ports" when schema["items"] is JsonObject items:
                Port(items);
                break;
            case "backends":
                schema["maxItems"] = SmiBounds.MaxBackends;
                break;
        }

        return schema;
    }

    private static void Unbounded(JsonObject schema)
    {
        schema.Remove("maxLength");
        schema.Remove("maxItems");
        foreach (var (_, child) in schema.ToList())
        {
            if (child is JsonObject nested)
            {
                Unbounded(nested);
            }
        }
    }

    private static void Port(JsonObject schema)
    {
        if (JsonFacts.AsString(schema["type"]) == "integer")
        {
            schema["minimum"] = SmiBounds.MinPort;
            schema["maximum"] = SmiBounds.MaxPort;
        }
    }

    private JsonObject ForType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(Guid) || type == typeof(TimeSpan) || type == typeof(Uri))
        {
            return Typed("string");
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type == typeof(byte[]))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "byte" };
        }

        if (type == typeof(bool))
        {
            return Typed("boolean");
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)
            || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte))
        {
            return Typed("integer");
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
        {
            return Typed("number");
        }

        if (type.IsEnum)
        {
            var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);
            return new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]),
            };
        }

        if (type == typeof(IntOrString) || type == typeof(ResourceQuantity))
        {
            return new JsonObject { ["x-kubernetes-int-or-string"] = true };
        }

        if (type == typeof(JsonObject) || type == typeof(V1ObjectMeta))
        {
            return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        }

        if (type == typeof(object) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement))
        {
            return new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true };
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ForType(valueType) };
        }

        if (ElementType(type) is { } elementType)
        {
            return new JsonObject
            {
                ["type"] = "array",
                ["items"] = ForType(elementType),
                ["maxItems"] = SmiBounds.MaxListItems,
            };
        }

        if (type.IsClass || (type.IsValueType && !type.IsPrimitive))
        {
            return ForClass(type, root: false);
        }

        return new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true };
    }

    private static JsonObject Typed(string type) =>
        type == "string"
            ? new() { ["type"] = type, ["maxLength"] = SmiBounds.MaxStringLength }
            : new() { ["type"] = type };

    private static Type? DictionaryValueType(Type type)
    {
        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType
                && (candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>)
                    || candidate.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
                && candidate.GetGenericArguments()[0] == typeof(string))
            {
                return candidate.GetGenericArguments()[1];
            }
        }

        return null;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        return type.GetInterfaces().Prepend(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }

    private static JsonObject Sorted(JsonObject properties)
    {
        var sorted = new JsonObject();
        foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            properties.Remove(key);
            sorted[key] = value;
        }

        return sorted;
    }
}

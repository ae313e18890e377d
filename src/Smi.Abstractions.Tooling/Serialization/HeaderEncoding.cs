using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// HTTPRouteGroup <c>headers</c> come in two encodings: a map (spec prose since 2021, controller-sdk CRDs) and a list
/// of one-entry maps (smi-sdk-go's codec and CRDs). Reading accepts both; writing picks one.
/// </summary>
public static class HeaderEncoding
{
    /// <summary>Rewrites every <c>headers</c> list of an HTTPRouteGroup object into a map, in place.</summary>
    /// <param name="routeGroup">The HTTPRouteGroup as JSON (any version).</param>
    /// <param name="error">The field and reason when the headers are neither encoding.</param>
    /// <returns><see langword="true"/> when the object is now in map form.</returns>
    public static bool NormalizeToMap(JsonObject routeGroup, out (string Path, string Message) error)
    {
        ArgumentNullException.ThrowIfNull(routeGroup);
        error = default;
        var (matches, prefix) = FindMatches(routeGroup);
        if (matches is null)
        {
            return true;
        }

        for (var i = 0; i < matches.Count; i++)
        {
            if (matches[i] is not JsonObject match || match["headers"] is not JsonArray list)
            {
                continue;
            }

            var map = new JsonObject();
            for (var j = 0; j < list.Count; j++)
            {
                var path = $"{prefix}[{i}].headers[{j}]";
                if (list[j] is not JsonObject entry)
                {
                    error = (path, "each headers entry must be a map of header name to value regex");
                    return false;
                }

                foreach (var (name, value) in entry)
                {
                    if (map.ContainsKey(name))
                    {
                        error = (path, $"header \"{name}\" is listed twice; put both conditions into one regex");
                        return false;
                    }

                    if (value is not JsonValue scalar || scalar.GetValueKind() != JsonValueKind.String)
                    {
                        error = ($"{path}.{name}", "a header value must be a string regex");
                        return false;
                    }

                    map[name] = scalar.GetValue<string>();
                }
            }

            match["headers"] = map;
        }

        return true;
    }

    /// <summary>
    /// Rewrites every <c>headers</c> map of an HTTPRouteGroup object into a list of one-entry maps, in place.
    /// </summary>
    /// <param name="routeGroup">The HTTPRouteGroup as JSON (any version).</param>
    public static void ConvertToList(JsonObject routeGroup)
    {
        ArgumentNullException.ThrowIfNull(routeGroup);
        var (matches, _) = FindMatches(routeGroup);
        foreach (var match in matches?.OfType<JsonObject>() ?? [])
        {
            if (match["headers"] is JsonObject map)
            {
                var list = new JsonArray();
                foreach (var (name, value) in map)
                {
                    list.Add(new JsonObject { [name] = value?.DeepClone() });
                }

                match["headers"] = list;
            }
        }
    }

    private static (JsonArray? Matches, string Prefix) FindMatches(JsonObject routeGroup) =>
        routeGroup["spec"] is JsonObject spec && spec["matches"] is JsonArray inSpec
            ? (inSpec, "spec.matches")
            : (routeGroup["matches"] as JsonArray, "matches");
}

using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Schema;

/// <summary>Small reads of an openAPIV3Schema node.</summary>
internal static class SchemaFacts
{
    /// <summary>Whether <paramref name="key"/> is the JSON boolean <c>true</c> in <paramref name="schema"/>.</summary>
    public static bool IsTrue(JsonObject schema, string key) =>
        schema[key] is JsonValue flag && flag.TryGetValue<bool>(out var on) && on;

    /// <summary>The schema of an object's field: from <c>properties</c>, else <c>additionalProperties</c>.</summary>
    public static JsonObject? Field(JsonObject schema, string key) =>
        schema["properties"]?[key] as JsonObject ?? schema["additionalProperties"] as JsonObject;
}

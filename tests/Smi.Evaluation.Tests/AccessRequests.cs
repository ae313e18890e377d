using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Smi.Evaluation.Tests;

/// <summary>Builds pods, requests and JSON policies for the access evaluator tests.</summary>
internal static class AccessRequests
{
    /// <summary>A pod; labels as <c>k=v,k=v</c>, named ports as <c>name=number,...</c>.</summary>
    public static AccessPod Pod(string ns, string serviceAccount, string labels = "", string ports = "") => new(
        ns, serviceAccount,
        Pairs(labels).ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        Pairs(ports).ToImmutableSortedDictionary(p => p.Key, p => int.Parse(p.Value, CultureInfo.InvariantCulture),
            StringComparer.Ordinal));

    public static AccessRequest Http(AccessPod source, AccessPod destination, int port, string method, string path,
        params string[] headers) =>
        new(source, destination, AccessProtocol.Http, MeshTranslation.Request(path, method, port, headers));

    public static AccessRequest Tcp(AccessPod source, AccessPod destination, int port) =>
        new(source, destination, AccessProtocol.Tcp, MeshTranslation.Request("/", "GET", port));

    public static AccessRequest Udp(AccessPod source, AccessPod destination, int port) =>
        new(source, destination, AccessProtocol.Udp, MeshTranslation.Request("/", "GET", port));

    /// <summary>JSON objects from a JSON array text.</summary>
    public static List<JsonObject> Resources(string json) => [.. JsonNode.Parse(json)!.AsArray().OfType<JsonObject>()];

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string text) => text
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(p => p.Split('=', 2))
        .Select(p => KeyValuePair.Create(p[0], p[1]));
}

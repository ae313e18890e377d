using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Smi.Testing.ApiServer;

/// <summary>Discovery: /api, /api/v1, /apis, /apis/&lt;group&gt;, /apis/&lt;group&gt;/&lt;version&gt;, /version and health checks.</summary>
internal sealed partial class ApiRequestHandler
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    private async Task<int> DiscoveryAsync(HttpContext context, string[] segments)
    {
        switch (segments)
        {
            case ["healthz" or "readyz" or "livez"]:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("ok", context.RequestAborted).ConfigureAwait(false);
                return 200;
            case []:
                var paths = new JsonArray("/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version");
                foreach (var (group, versions, _) in registry.GroupVersions())
                {
                    paths.Add("/apis/" + group);
                    foreach (var version in versions)
                    {
                        paths.Add($"/apis/{group}/{version}");
                    }
                }

                return await WriteJsonAsync(context, 200, new JsonObject { ["paths"] = paths }).ConfigureAwait(false);
            case ["version"]:
                return await WriteJsonAsync(context, 200, new JsonObject
                {
                    ["major"] = "1",
                    ["minor"] = "34",
                    ["gitVersion"] = "v1.34.0",
                    ["gitCommit"] = "loopback",
                    ["gitTreeState"] = "clean",
                    ["buildDate"] = "2025-08-27T00:00:00Z",
                    ["goVersion"] = "go1.24.6",
                    ["compiler"] = "gc",
                    ["platform"] = "linux/amd64",
                }).ConfigureAwait(false);
            case ["api"]:
                return await WriteJsonAsync(context, 200, new JsonObject
                {
                    ["kind"] = "APIVersions",
                    ["versions"] = new JsonArray("v1"),
                    ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = ServerAddress }),
                }).ConfigureAwait(false);
            case ["api", "v1"]:
                return await WriteJsonAsync(context, 200, ResourceList(string.Empty, "v1")).ConfigureAwait(false);
            case ["apis"]:
                var groups = new JsonArray();
                foreach (var (group, versions, preferred) in registry.GroupVersions())
                {
                    groups.Add(Group(group, versions, preferred));
                }

                return await WriteJsonAsync(context, 200, new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups }).ConfigureAwait(false);
            case ["apis", var name]:
                var found = registry.GroupVersions().FirstOrDefault(g => g.Group == name);
                if (found.Group is null)
                {
                    throw NotFoundPath();
                }

                var single = Group(found.Group, found.Versions, found.Preferred);
                single["kind"] = "APIGroup";
                single["apiVersion"] = "v1";
                return await WriteJsonAsync(context, 200, single).ConfigureAwait(false);
            case ["apis", var group, var version]:
                if (!registry.ServesGroupVersion(group, version))
                {
                    throw NotFoundPath();
                }

                return await WriteJsonAsync(context, 200, ResourceList(group, version)).ConfigureAwait(false);
            default:
                throw NotFoundPath();
        }
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions, string preferred)
    {
        var versionArray = new JsonArray();
        foreach (var version in versions)
        {
            versionArray.Add(new JsonObject { ["groupVersion"] = $"{name}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = versionArray,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{preferred}", ["version"] = preferred },
        };
    }

    private JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in registry.InGroupVersion(group, version).OrderBy(t => t.Plural, StringComparer.Ordinal))
        {
            var entry = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray([.. AllVerbs.Select(v => (JsonNode)v)]),
            };
            if (type.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray([.. type.ShortNames.Select(s => (JsonNode)s)]);
            }

            entry["storageVersionHash"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(type.StorageKey)))[..11];
            resources.Add(entry);
            if (type.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/status",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = new JsonArray([.. StatusVerbs.Select(v => (JsonNode)v)]),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }
}

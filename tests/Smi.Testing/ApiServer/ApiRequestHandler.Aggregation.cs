using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Smi.Testing.ApiServer.Auth;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Delegated authentication and authorization, as kube-apiserver serves them to extension API servers: TokenReview
/// answered from <see cref="LoopbackApiServerOptions.Tokens"/>, SubjectAccessReview from
/// <see cref="LoopbackApiServerOptions.AccessRules"/>; and the aggregation layer: a request under
/// <c>/apis/&lt;group&gt;/&lt;version&gt;</c> for which an APIService <c>&lt;version&gt;.&lt;group&gt;</c> names a
/// Service
/// is proxied to it as kube-aggregator does: over HTTPS verified with the APIService's <c>caBundle</c> (or not at all
/// with <c>insecureSkipTLSVerify</c>), with the front-proxy client certificate, the caller's bearer token removed and
/// the caller's identity in <c>X-Remote-User</c>, <c>X-Remote-Group</c> and <c>X-Remote-Extra-*</c>.
/// </summary>
internal sealed partial class ApiRequestHandler
{
    private const string RegistrationGroup = "apiregistration.k8s.io";

    private readonly ConcurrentDictionary<(string? CaBundle, string Host, bool Skip), HttpClient> _proxyClients = new();

    /// <summary>The front proxy's CA and client certificate.</summary>
    public FrontProxyCredentials? FrontProxy { get; set; }

    /// <summary>Closes the proxy connections.</summary>
    public void DisposeProxies()
    {
        foreach (var client in _proxyClients.Values)
        {
            client.Dispose();
        }

        _proxyClients.Clear();
    }

    /// <summary>Answers a review or proxies an aggregated request; null when the request is neither.</summary>
    private async Task<int?> DelegatedAsync(HttpContext context, ApiRequestInfo info, string[] segments)
    {
        switch (segments)
        {
            case ["apis", "authentication.k8s.io", "v1", "tokenreviews"] when info.Method == "POST":
                var token = JsonNode.Parse(await ReadBodyAsync(context).ConfigureAwait(false))!.AsObject();
                return await WriteJsonAsync(context, 201, TokenReview(token)).ConfigureAwait(false);
            case ["apis", "authorization.k8s.io", "v1", "subjectaccessreviews"] when info.Method == "POST":
                var access = JsonNode.Parse(await ReadBodyAsync(context).ConfigureAwait(false))!.AsObject();
                return await WriteJsonAsync(context, 201, AccessReview(access)).ConfigureAwait(false);
            case ["apis", var group, var version, ..] when AggregatedService(group, version) is { } apiService:
                return await ProxyAsync(context, apiService).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private JsonObject TokenReview(JsonObject review)
    {
        var token = review["spec"]?["token"]?.GetValue<string>() ?? string.Empty;
        review["status"] = options.Tokens.TryGetValue(token, out var user)
            ? new JsonObject
            {
                ["authenticated"] = true,
                ["user"] = new JsonObject
                {
                    ["username"] = user.Name,
                    ["groups"] = new JsonArray(
                        [.. user.Groups.Append("system:authenticated").Select(g => (JsonNode)g)]),
                },
            }
            : new JsonObject { ["authenticated"] = false, ["error"] = "invalid bearer token" };
        return review;
    }

    private JsonObject AccessReview(JsonObject review)
    {
        var spec = review["spec"] as JsonObject ?? [];
        var user = spec["user"]?.GetValue<string>() ?? string.Empty;
        var groups = (spec["groups"] as JsonArray ?? []).Select(g => g!.GetValue<string>()).ToList();
        AccessRule.ResourceRequest? resource = null;
        string? path = null;
        string verb;
        RequestAttributes request;
        if (spec["resourceAttributes"] is JsonObject attributes)
        {
            verb = Text(attributes, "verb") ?? string.Empty;
            resource = new AccessRule.ResourceRequest(
                Text(attributes, "group") ?? string.Empty,
                Text(attributes, "resource") ?? string.Empty,
                Text(attributes, "subresource") ?? string.Empty,
                Text(attributes, "namespace") ?? string.Empty);
            request = new RequestAttributes(
                true, verb, string.Empty, resource.Group, Text(attributes, "version") ?? string.Empty,
                resource.Resource, resource.Subresource, resource.Namespace, Text(attributes, "name") ?? string.Empty);
        }
        else
        {
            verb = spec["nonResourceAttributes"]?["verb"]?.GetValue<string>() ?? string.Empty;
            path = spec["nonResourceAttributes"]?["path"]?.GetValue<string>();
            request = new RequestAttributes(
                false, verb, path ?? string.Empty, string.Empty, string.Empty, string.Empty, string.Empty,
                string.Empty, string.Empty);
        }

        // The stored RBAC objects decide first, as kube-apiserver's RBAC authorizer; the access rules are a second
        // authorizer in the chain (--authorization-mode=RBAC,Webhook).
        var rbac = Rbac.Authorize(new TokenUser(user, groups), request);
        if (rbac.Allowed)
        {
            review["status"] = new JsonObject { ["allowed"] = true, ["reason"] = rbac.Reason };
            return review;
        }

        var allowed = options.AccessRules.Any(r => r.Allows(user, groups, verb, resource, path));
        review["status"] = allowed
            ? new JsonObject { ["allowed"] = true, ["reason"] = "allowed by a loopback access rule" }
            : new JsonObject
            {
                ["allowed"] = false,
                ["reason"] = rbac.Reason.Length > 0 ? rbac.Reason : "no loopback access rule allows it",
            };
        return review;
    }

    private JsonObject? AggregatedService(string group, string version)
    {
        lock (store.Gate)
        {
            var key = new ObjectKey(RegistrationGroup + "/apiservices", string.Empty, $"{version}.{group}");
            var stored = store.Find(key);
            return stored?.Object["spec"]?["service"] is JsonObject ? (JsonObject)stored.Object.DeepClone() : null;
        }
    }

    private async Task<int> ProxyAsync(HttpContext context, JsonObject apiService)
    {
        var spec = apiService["spec"]!.AsObject();
        var service = spec["service"]!.AsObject();
        var key = $"{Text(service, "namespace")}/{Text(service, "name")}";
        var encodedBundle = spec["caBundle"] is JsonValue encoded && encoded.TryGetValue<string>(out var text)
            ? text
            : string.Empty;
        var caBundle = encodedBundle.Length > 0
            ? Encoding.UTF8.GetString(Convert.FromBase64String(encodedBundle))
            : null;
        var skip = spec["insecureSkipTLSVerify"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
        if (!options.WebhookServices.TryGetValue(key, out var address))
        {
            return await ServiceUnavailableAsync(context, $"service \"{key}\" is not reachable").ConfigureAwait(false);
        }

        var user = Caller(context.Request.Headers.Authorization.ToString());
        if (user is null)
        {
            var unauthorized = KubernetesStatus.Failure(401, "Unauthorized", "Unauthorized");
            return await WriteJsonAsync(context, 401, unauthorized).ConfigureAwait(false);
        }

        var host = $"{Text(service, "name")}.{Text(service, "namespace")}.svc";
        var client = _proxyClients.GetOrAdd((caBundle, host, skip), k => CreateProxyClient(k.CaBundle, k.Host, k.Skip));
        var target = new Uri(address, context.Request.Path.Value + context.Request.QueryString.Value);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        var accept = context.Request.Headers.Accept;
        request.Headers.Accept.ParseAdd(accept.Count > 0 ? accept.ToString() : "application/json");
        request.Headers.Add("X-Remote-User", user.Name);
        foreach (var group in user.Groups)
        {
            request.Headers.Add("X-Remote-Group", group);
        }

        try
        {
            using var response = await client.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            return await ServiceUnavailableAsync(context, e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>The caller by bearer token; anonymous without one; null for a token nobody holds (401).</summary>
    private TokenUser? Caller(string authorization)
    {
        const string bearer = "Bearer ";
        if (!authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return new TokenUser("system:anonymous", ["system:unauthenticated"]);
        }

        return options.Tokens.TryGetValue(authorization[bearer.Length..].Trim(), out var user)
            ? user with { Groups = [.. user.Groups, "system:authenticated"] }
            : null;
    }

    private HttpClient CreateProxyClient(string? caBundle, string host, bool skipVerify)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            skipVerify || ServingCertificateCheck.Verifies(caBundle, host, certificate, errors);
        if (FrontProxy is { } frontProxy)
        {
            handler.SslOptions.ClientCertificates = [frontProxy.ClientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => frontProxy.ClientCertificate;
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    private static async Task<int> ServiceUnavailableAsync(HttpContext context, string reason) =>
        await WriteJsonAsync(
                context, 503, KubernetesStatus.Failure(503, "ServiceUnavailable", "service unavailable: " + reason))
            .ConfigureAwait(false);
}

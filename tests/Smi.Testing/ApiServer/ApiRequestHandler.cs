using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;

namespace Smi.Testing.ApiServer;

/// <summary>Answers one HTTP request the way the Kubernetes API server does: faults first, then discovery or a resource verb.</summary>
internal sealed partial class ApiRequestHandler(
    ObjectStore store,
    ResourceRegistry registry,
    GarbageCollector collector,
    FaultInjector faults,
    RequestLog log,
    LoopbackApiServerOptions options,
    CancellationToken stopping)
{
    private const int AlreadyRecorded = -1;

    public ICustomResourceValidator Validator { get; set; } = CrdSchemaValidator.Instance;

    public string ServerAddress { get; set; } = "127.0.0.1:0";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        BeginWarnings();
        BeginFieldValidation(request);
        var info = new ApiRequestInfo(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, request.ContentType);
        if (!await DelayAsync(context, info).ConfigureAwait(false))
        {
            return;
        }

        if (faults.Take(info) is { } rule)
        {
            await InjectAsync(context, info, rule).ConfigureAwait(false);
            return;
        }

        int status;
        try
        {
            status = await DispatchAsync(context, info).ConfigureAwait(false);
        }
        catch (ApiErrorException e)
        {
            status = e.Code;
            await WriteJsonAsync(context, e.Code, e.Status).ConfigureAwait(false);
        }
        catch (Exception e) when (e is JsonException or YamlException or FormatException or InvalidOperationException)
        {
            status = 400;
            await WriteJsonAsync(context, 400, KubernetesStatus.BadRequest("the request could not be decoded: " + e.Message)).ConfigureAwait(false);
        }

        catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
        {
            status = 500;
            await WriteJsonAsync(context, 500, KubernetesStatus.Failure(500, "InternalError", "an error on the server (\"" + e.Message + "\") has prevented the request from succeeding")).ConfigureAwait(false);
        }

        if (status != AlreadyRecorded)
        {
            log.Add(info, status, fault: false);
        }
    }

    private async Task InjectAsync(HttpContext context, ApiRequestInfo info, FaultRule rule)
    {
        switch (rule.Kind)
        {
            case FaultKind.Hang:
                log.Add(info, 0, fault: true);
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(options.MaxHang, hang.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up or the server is stopping.
                    }
                }

                context.Abort();
                return;
            case FaultKind.Stall:
                await StallAsync(context, info).ConfigureAwait(false);
                return;
            case FaultKind.Conflict:
                log.Add(info, 409, fault: true);
                var segments = info.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                await WriteJsonAsync(context, 409, KubernetesStatus.Conflict(string.Empty, segments.Length > 1 ? segments[^2] : "resource", segments.Length > 0 ? segments[^1] : string.Empty)).ConfigureAwait(false);
                return;
            default:
                log.Add(info, rule.StatusCode, fault: true);
                if (rule.StatusCode == 429)
                {
                    context.Response.Headers.RetryAfter = "1";
                }

                await WriteJsonAsync(context, rule.StatusCode, KubernetesStatus.ForCode(rule.StatusCode)).ConfigureAwait(false);
                return;
        }
    }

    private async Task<int> DispatchAsync(HttpContext context, ApiRequestInfo info)
    {
        Authorize(context, info);
        var segments = info.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (await DelegatedAsync(context, info, segments).ConfigureAwait(false) is { } delegated)
        {
            return delegated;
        }

        switch (segments)
        {
            case []:
            case ["version"]:
            case ["healthz" or "readyz" or "livez"]:
            case ["api"]:
            case ["api", "v1"]:
            case ["apis"]:
            case ["apis", _]:
            case ["apis", _, _]:
                if (info.Method != "GET")
                {
                    throw new ApiErrorException(KubernetesStatus.MethodNotAllowed($"the server does not allow this method on the requested resource"));
                }

                return await DiscoveryAsync(context, segments).ConfigureAwait(false);
            case ["api", "v1", .. var rest] when rest.Length > 0:
                return await ResourceAsync(context, info, Route(string.Empty, "v1", rest)).ConfigureAwait(false);
            case ["apis", var group, var version, .. var rest] when rest.Length > 0:
                return await ResourceAsync(context, info, Route(group, version, rest)).ConfigureAwait(false);
            default:
                throw NotFoundPath();
        }
    }

    private ApiRoute Route(string group, string version, string[] rest)
    {
        string? ns = null;
        string plural;
        string? name = null;
        string? subresource = null;
        var namespaceSubresource = group.Length == 0 && rest.Length == 3 && rest[2] is "status" or "finalize";
        if (rest[0] == "namespaces" && rest.Length >= 3 && !namespaceSubresource)
        {
            if (rest.Length > 5)
            {
                throw NotFoundPath();
            }

            ns = rest[1];
            plural = rest[2];
            name = rest.Length > 3 ? rest[3] : null;
            subresource = rest.Length > 4 ? rest[4] : null;
        }
        else
        {
            if (rest.Length > 3)
            {
                throw NotFoundPath();
            }

            plural = rest[0];
            name = rest.Length > 1 ? rest[1] : null;
            subresource = rest.Length > 2 ? rest[2] : null;
        }

        var type = registry.Find(group, version, plural) ?? throw NotFoundPath();
        if ((ns is not null && !type.Namespaced) || (ns is null && type.Namespaced && name is not null))
        {
            throw NotFoundPath();
        }

        if (subresource is not null && !(subresource == "status" && type.HasStatus))
        {
            throw NotFoundPath();
        }

        return new ApiRoute(type, ns, name, subresource);
    }

    private async Task<int> ResourceAsync(HttpContext context, ApiRequestInfo info, ApiRoute route)
    {
        var query = context.Request.Query;
        if (route.Name is null)
        {
            var allNamespaces = route.Type.Namespaced && route.Namespace is null;
            return info.Method switch
            {
                "GET" when info.IsWatch || IsTrue(query["watch"]) => await WatchAsync(context, info, route).ConfigureAwait(false),
                "GET" => await WriteJsonAsync(context, 200, List(route, query)).ConfigureAwait(false),
                "POST" when !allNamespaces => await CreateAsync(context, route).ConfigureAwait(false),
                "DELETE" when !allNamespaces => await WriteJsonAsync(context, 200, DeleteCollection(route, query)).ConfigureAwait(false),
                _ => throw new ApiErrorException(KubernetesStatus.MethodNotAllowed("the server does not allow this method on the requested resource")),
            };
        }

        return info.Method switch
        {
            "GET" => await WriteJsonAsync(context, 200, Get(route)).ConfigureAwait(false),
            "PUT" => await ReplaceAsync(context, route).ConfigureAwait(false),
            "PATCH" => await PatchAsync(context, route).ConfigureAwait(false),
            "DELETE" => await DeleteAsync(context, route).ConfigureAwait(false),
            _ => throw new ApiErrorException(KubernetesStatus.MethodNotAllowed("the server does not allow this method on the requested resource")),
        };
    }

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private static ApiErrorException NotFoundPath() =>
        new(KubernetesStatus.Failure(404, "NotFound", "the server could not find the requested resource", new JsonObject()));

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<int> WriteJsonAsync(HttpContext context, int code, JsonNode body)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        AddWarningHeaders(context);
        // The bytes ToJsonString would give, written as UTF-8 without the string in between.
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            body.WriteTo(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        return code;
    }
}

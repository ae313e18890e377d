using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Conversion to the storage version and validating admission webhooks, as kube-apiserver runs them: objects of a CRD
/// with <c>conversion.strategy: Webhook</c> are stored in the storage version and converted for every other version;
/// every ValidatingWebhookConfiguration whose rules match a write gets an AdmissionReview v1 after schema validation
/// and before the write, and its verdict, failure policy, timeout and warnings are honoured.
/// </summary>
internal sealed partial class ApiRequestHandler
{
    private static readonly AsyncLocal<List<string>?> RequestWarnings = new();

    /// <summary>Set while a fixture is seeded: seeds skip admission, as objects written straight to storage would.</summary>
    private static readonly AsyncLocal<bool> Seeding = new();

    private WebhookCaller Webhooks { get; } = new(options);

    /// <summary>Closes the webhook connections.</summary>
    public void DisposeWebhooks() => Webhooks.Dispose();

    /// <summary>The object converted to the CRD's storage version when the CRD converts through a webhook.</summary>
    private JsonObject ToStorage(ResourceType type, JsonObject obj)
    {
        if (type.Crd is { ConversionWebhook: not null, StorageVersion: { } storage } crd && $"{crd.Group}/{storage}" is var storageApiVersion
            && Text(obj, "apiVersion") != storageApiVersion)
        {
            return Webhooks.Convert(crd, obj, storageApiVersion);
        }

        return obj;
    }

    /// <summary>The stored object as the requested version sees it, for writes that start from it (update, patch, apply).</summary>
    private StoredObject InRequestVersion(ResourceType type, StoredObject stored)
    {
        if (type.Crd?.ConversionWebhook is null || Text(stored.Object, "apiVersion") == type.ApiVersion)
        {
            return stored;
        }

        var view = stored.Clone();
        view.Object = Render(type, stored.Object);
        return view;
    }

    /// <summary>Calls the validating webhooks that match; throws the refusal, adds warnings to the response.</summary>
    private void Admit(ApiRoute route, string operation, JsonObject? obj, JsonObject? oldObject, bool dryRun)
    {
        if (Seeding.Value)
        {
            return;
        }

        List<(string Name, JsonObject Webhook)> matching = [];
        foreach (var (_, stored) in store.InStorage(ResourceRegistry.AdmissionGroup + "/validatingwebhookconfigurations", null))
        {
            foreach (var webhook in (stored.Object["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Matches(webhook, route, operation))
                {
                    matching.Add((Text(webhook, "name") ?? string.Empty, webhook));
                }
            }
        }

        foreach (var (name, webhook) in matching)
        {
            CallAdmission(name, webhook, route, operation, obj, oldObject, dryRun);
        }
    }

    private void CallAdmission(string name, JsonObject webhook, ApiRoute route, string operation, JsonObject? obj, JsonObject? oldObject, bool dryRun)
    {
        var type = route.Type;
        var failClosed = Text(webhook, "failurePolicy") != "Ignore";
        var timeout = TimeSpan.FromSeconds(webhook["timeoutSeconds"] is JsonValue t && t.TryGetValue<int>(out var seconds) ? seconds : 10);
        var uid = Guid.NewGuid().ToString("D");
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
            ["resource"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["resource"] = type.Plural },
            ["requestKind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
            ["requestResource"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["resource"] = type.Plural },
            ["name"] = route.Name ?? (obj?["metadata"]?["name"]?.DeepClone()),
            ["operation"] = operation,
            ["userInfo"] = new JsonObject { ["username"] = "loopback" },
            ["object"] = obj?.DeepClone(),
            ["oldObject"] = oldObject?.DeepClone(),
            ["dryRun"] = dryRun,
        };
        if (route.Subresource is not null)
        {
            request["subResource"] = route.Subresource;
        }

        if (route.Namespace is not null)
        {
            request["namespace"] = route.Namespace;
        }

        var review = new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
        JsonObject response;
        try
        {
            if (WebhookClientConfig.Parse(webhook["clientConfig"] as JsonObject) is not { } config)
            {
                throw new WebhookCallException("the webhook has no clientConfig");
            }

            response = Webhooks.Post(config, review, timeout).Body["response"] as JsonObject ?? throw new WebhookCallException("the AdmissionReview has no response");
            if (Text(response, "uid") != uid)
            {
                throw new WebhookCallException($"expected response.uid=\"{uid}\", got \"{Text(response, "uid")}\"");
            }
        }
        catch (WebhookCallException e)
        {
            if (failClosed)
            {
                throw new ApiErrorException(KubernetesStatus.Failure(500, "InternalError", $"Internal error occurred: failed calling webhook \"{name}\": {e.Message}"));
            }

            return;
        }

        foreach (var warning in (response["warnings"] as JsonArray ?? []).OfType<JsonValue>())
        {
            RequestWarnings.Value?.Add(warning.ToString());
        }

        if (response["allowed"] is JsonValue allowed && allowed.TryGetValue<bool>(out var ok) && ok)
        {
            return;
        }

        // As kube-apiserver's ToStatusErr: code at least 400, status Failure, message prefixed with the webhook name.
        var status = response["status"] as JsonObject ?? [];
        var code = status["code"] is JsonValue c && c.TryGetValue<int>(out var number) && number >= 400 ? number : 400;
        var message = Text(status, "message") is { } m
            ? $"admission webhook \"{name}\" denied the request: {m}"
            : Text(status, "reason") is { } r ? $"admission webhook \"{name}\" denied the request: {r}" : $"admission webhook \"{name}\" denied the request without explanation";
        var result = KubernetesStatus.Failure(code, Text(status, "reason") ?? string.Empty, message, status["details"]?.DeepClone() as JsonObject);
        throw new ApiErrorException(result);
    }

    private static bool Matches(JsonObject webhook, ApiRoute route, string operation)
    {
        var type = route.Type;
        var resource = route.Subresource is null ? type.Plural : type.Plural + "/" + route.Subresource;
        foreach (var rule in (webhook["rules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var scope = Text(rule, "scope") ?? "*";
            if (Lists(rule, "apiGroups", type.Group)
                && Lists(rule, "apiVersions", type.Version)
                && Lists(rule, "operations", operation)
                && ListsResource(rule, resource)
                && (scope == "*" || (scope == "Namespaced") == type.Namespaced))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Lists(JsonObject rule, string key, string value) =>
        (rule[key] as JsonArray ?? []).OfType<JsonValue>().Select(v => v.ToString()).Any(v => v == "*" || v == value);

    private static bool ListsResource(JsonObject rule, string resource)
    {
        foreach (var pattern in (rule["resources"] as JsonArray ?? []).OfType<JsonValue>().Select(v => v.ToString()))
        {
            var (main, sub) = Split(resource);
            var (patternMain, patternSub) = Split(pattern);
            if ((patternMain == "*" || patternMain == main) && (patternSub == sub || (patternSub == "*" && sub is not null)))
            {
                return true;
            }
        }

        return false;

        static (string Main, string? Sub) Split(string text) =>
            text.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? (text[..slash], text[(slash + 1)..]) : (text, null);
    }

    /// <summary>Starts collecting the admission warnings of one request.</summary>
    private static void BeginWarnings() => RequestWarnings.Value = [];

    /// <summary>Adds the collected warnings as <c>Warning: 299 - "..."</c> headers, as kube-apiserver does.</summary>
    private static void AddWarningHeaders(HttpContext context)
    {
        if (RequestWarnings.Value is not { Count: > 0 } warnings || context.Response.HasStarted)
        {
            return;
        }

        foreach (var warning in warnings)
        {
            var escaped = warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            context.Response.Headers.Append("Warning", string.Create(CultureInfo.InvariantCulture, $"299 - \"{escaped}\""));
        }

        warnings.Clear();
    }
}

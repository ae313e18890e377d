using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Builds <c>meta/v1 Status</c> objects as the Kubernetes API server returns them for failed requests
/// (KubernetesClient surfaces them as <c>HttpOperationException</c> and, in watches, as <c>KubernetesException</c>).
/// </summary>
public static class KubernetesStatus
{
    /// <summary>A Status with <c>status: Failure</c>.</summary>
    /// <param name="code">The HTTP status code.</param>
    /// <param name="reason">The machine-readable reason, e.g. <c>NotFound</c>.</param>
    /// <param name="message">The human-readable message.</param>
    /// <param name="details">Optional <c>details</c> (name, group, kind, causes).</param>
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    /// <summary>A Status with <c>status: Success</c>, as returned by deletes of kinds that do not return the object.</summary>
    /// <param name="details">Optional details (name, group, kind, uid).</param>
    public static JsonObject Success(JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        return status;
    }

    /// <summary>404 NotFound: <c>services "web" not found</c>.</summary>
    /// <param name="group">The API group ("" for core).</param>
    /// <param name="resource">The plural resource name.</param>
    /// <param name="name">The object name.</param>
    public static JsonObject NotFound(string group, string resource, string name) =>
        Failure(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found", Details(name, group, resource));

    /// <summary>409 AlreadyExists: <c>services "web" already exists</c>.</summary>
    /// <param name="group">The API group ("" for core).</param>
    /// <param name="resource">The plural resource name.</param>
    /// <param name="name">The object name.</param>
    public static JsonObject AlreadyExists(string group, string resource, string name) =>
        Failure(409, "AlreadyExists", $"{Qualified(group, resource)} \"{name}\" already exists", Details(name, group, resource));

    /// <summary>403 Forbidden: <c>services "web" is forbidden: reason</c>.</summary>
    /// <param name="group">The API group ("" for core).</param>
    /// <param name="resource">The plural resource name.</param>
    /// <param name="name">The object name.</param>
    /// <param name="reason">Why.</param>
    public static JsonObject Forbidden(string group, string resource, string name, string reason) =>
        Failure(
            403,
            "Forbidden",
            name.Length == 0
                ? $"{Qualified(group, resource)} is forbidden: {reason}"
                : $"{Qualified(group, resource)} \"{name}\" is forbidden: {reason}",
            Details(name, group, resource));

    /// <summary>
    /// 403 Forbidden for content created in a namespace being deleted, with the <c>NamespaceTerminating</c> cause, as
    /// the NamespaceLifecycle admission plugin (<c>plugin/pkg/admission/namespace/lifecycle/admission.go</c>) answers.
    /// </summary>
    /// <param name="group">The API group ("" for core).</param>
    /// <param name="resource">The plural resource name.</param>
    /// <param name="name">The object name.</param>
    /// <param name="ns">The terminating namespace.</param>
    public static JsonObject NamespaceTerminating(string group, string resource, string name, string ns)
    {
        var status = Forbidden(
            group, resource, name, $"unable to create new content in namespace {ns} because it is being terminated");
        ((JsonObject)status["details"]!)["causes"] = new JsonArray(new JsonObject
        {
            ["reason"] = "NamespaceTerminating",
            ["message"] = $"namespace {ns} is being terminated",
            ["field"] = "metadata.namespace",
        });
        return status;
    }

    /// <summary>409 Conflict on a stale <c>metadata.resourceVersion</c>.</summary>
    /// <param name="group">The API group ("" for core).</param>
    /// <param name="resource">The plural resource name.</param>
    /// <param name="name">The object name.</param>
    public static JsonObject Conflict(string group, string resource, string name) =>
        Failure(
            409,
            "Conflict",
            $"Operation cannot be fulfilled on {Qualified(group, resource)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(name, group, resource));

    /// <summary>
    /// 409 Conflict of server-side apply, worded as kube-apiserver does
    /// (<c>k8s.io/apimachinery/pkg/util/managedfields/internal/conflict.go</c>): <c>Apply failed with 1 conflict:
    /// conflict with "manager": .spec.x</c>, or for several, <c>Apply failed with 2 conflicts: conflicts with
    /// "manager":</c> and one <c>- .path</c> line per field, managers sorted; one cause per field.
    /// </summary>
    /// <param name="group">The API group ("" for core).</param>
    /// <param name="resource">The plural resource name.</param>
    /// <param name="name">The object name.</param>
    /// <param name="conflicts">
    /// Each conflicting manager as printed (<c>"name"</c>, or <c>"name" using v1</c> for an updater) and field path
    /// (<c>.spec.x</c>).
    /// </param>
    public static JsonObject ApplyConflict(
        string group, string resource, string name, IReadOnlyList<(string Manager, string Field)> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        var causes = new JsonArray();
        foreach (var (manager, field) in conflicts)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with {manager}",
                ["field"] = field,
            });
        }

        var details = Details(name, group, resource);
        details["causes"] = causes;
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Manager}: {conflicts[0].Field}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => c.Manager)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g.Select(c => "- " + c.Field).Prepend($"conflicts with {g.Key}:"));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }

        return Failure(409, "Conflict", message, details);
    }

    /// <summary>422 Invalid with one cause per violation.</summary>
    /// <param name="group">The API group ("" for core).</param>
    /// <param name="kind">The object's kind.</param>
    /// <param name="name">The object name.</param>
    /// <param name="violations">Field paths and messages.</param>
    public static JsonObject Invalid(string group, string kind, string name, IReadOnlyList<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var causes = new JsonArray();
        foreach (var violation in violations)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldValueInvalid",
                ["message"] = $"Invalid value: {violation.Message}",
                ["field"] = violation.Path,
            });
        }

        var details = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind, ["causes"] = causes };
        var summary = string.Join(", ", violations.Select(v => $"{v.Path}: {v.Message}"));
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var message = violations.Count == 1
            ? $"{qualifiedKind} \"{name}\" is invalid: {summary}"
            : $"{qualifiedKind} \"{name}\" is invalid: [{summary}]";
        return Failure(422, "Invalid", message, details);
    }

    /// <summary>410 Expired, sent as a watch ERROR event for a resource version older than the retained history.</summary>
    /// <param name="requested">The requested resource version.</param>
    /// <param name="oldest">The oldest resource version still retained.</param>
    public static JsonObject Expired(long requested, long oldest) =>
        Failure(410, "Expired", $"too old resource version: {requested} ({oldest})");

    /// <summary>
    /// 410 Expired for a list whose continue token's resource version has been compacted away
    /// (<c>k8s.io/apiserver/pkg/storage/etcd3/errors.go</c>, handleCompactedErrorForPaging): the real message, and a
    /// token in <c>metadata.continue</c> that goes on at the newest version, giving an inconsistent list.
    /// </summary>
    /// <param name="inconsistentContinue">The token that continues at the newest resource version.</param>
    public static JsonObject ContinueExpired(string inconsistentContinue)
    {
        var status = Failure(
            410,
            "Expired",
            "The provided continue parameter is too old to display a consistent list result. You can start a new "
            + "list without the continue parameter, or use the continue token in this response to retrieve the "
            + "remainder of the results. Continuing with the provided token results in an inconsistent list - "
            + "objects that were created, modified, or deleted between the time the first chunk was returned and "
            + "now may show up in the list.");
        status["metadata"] = new JsonObject { ["continue"] = inconsistentContinue };
        return status;
    }

    /// <summary>
    /// 500 for an error that is not a Status inside kube-apiserver (<c>responsewriters/status.go</c>,
    /// ErrorToAPIStatus): only the message and the code, no reason.
    /// </summary>
    /// <param name="message">The error text.</param>
    public static JsonObject UntypedInternalError(string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["code"] = 500,
    };

    /// <summary>400 BadRequest.</summary>
    /// <param name="message">What is wrong with the request.</param>
    public static JsonObject BadRequest(string message) => Failure(400, "BadRequest", message);

    /// <summary>405 MethodNotAllowed.</summary>
    /// <param name="message">What is not allowed.</param>
    public static JsonObject MethodNotAllowed(string message) => Failure(405, "MethodNotAllowed", message);

    /// <summary>415 UnsupportedMediaType.</summary>
    /// <param name="contentType">The rejected content type.</param>
    public static JsonObject UnsupportedMediaType(string contentType) =>
        Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml; got {contentType}");

    /// <summary>The Status for an injected failure: 429 TooManyRequests, 500 InternalError, 503 ServiceUnavailable.</summary>
    /// <param name="code">The HTTP status code.</param>
    public static JsonObject ForCode(int code) => code switch
    {
        429 => Failure(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later", new JsonObject { ["retryAfterSeconds"] = 1 }),
        500 => Failure(500, "InternalError", "an error on the server (\"injected fault\") has prevented the request from succeeding"),
        503 => Failure(503, "ServiceUnavailable", "the server is currently unable to handle the request"),
        504 => Failure(504, "Timeout", "the server was unable to return a response in the time allotted"),
        404 => Failure(404, "NotFound", "the server could not find the requested resource"),
        409 => Failure(409, "Conflict", "the object has been modified; please apply your changes to the latest version and try again"),
        410 => Failure(410, "Expired", "too old resource version"),
        _ => Failure(code, "Unknown", $"injected failure with status {code}"),
    };

    private static JsonObject Details(string name, string group, string resource)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = resource;
        return details;
    }

    private static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";
}

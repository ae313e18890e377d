using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Webhooks.Reviews;

namespace Smi.Webhooks.Admission;

/// <summary>
/// The validating admission webhook of the SMI kinds. It checks CREATE and UPDATE of every SMI kind and version with
/// the project's validation (<see cref="ManifestLoader"/> and <see cref="SnapshotBuilder"/>) and always allows DELETE.
/// </summary>
/// <remarks>
/// <para>
/// Errors about the object alone refuse it (<c>allowed: false</c>) with a message naming each field, and one
/// <c>status.details.causes</c> entry per field. Fields the version does not define are refused too
/// (<c>UnknownField</c>): the API server would otherwise prune them and change what the object means.
/// </para>
/// <para>
/// Checks that need other objects (a route group, route or IdentityBinding that is not there) cannot refuse: producers
/// create related objects in any order. They come back as admission warnings, resolved against the objects of
/// <see cref="NamespaceObjects"/> when the host provides them (its informer cache). Missing Services are only reported
/// when such a source is set, since without it every split would warn.
/// </para>
/// </remarks>
/// <param name="namespaceObjects">
/// Optional: the objects already in a namespace (SMI objects of any version, Services), for the checks that need other
/// objects. <see langword="null"/> checks each object alone.
/// </param>
public sealed class SmiAdmissionWebhook(Func<string, IEnumerable<object>>? namespaceObjects = null)
{
    /// <summary>Reasons of checks that depend on other objects: never a refusal, at most a warning.</summary>
    public static IReadOnlySet<string> CrossObjectReasons { get; } = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "RouteGroupNotFound",
        "RouteNotFound",
        "RouteMatchNotFound",
        "IdentityBindingNotFound",
        "ServiceNotFound",
        "DuplicateObject");

    /// <summary>The most characters of one warning (the API server may cut longer ones).</summary>
    public const int MaxWarningLength = 256;

    /// <summary>The source of other objects, when the host gave one.</summary>
    public Func<string, IEnumerable<object>>? NamespaceObjects { get; } = namespaceObjects;

    /// <summary>Answers an AdmissionReview.</summary>
    /// <param name="review">The review with its request.</param>
    /// <returns>A review with the response.</returns>
    public AdmissionReview Review(AdmissionReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var request = review.Request;
        var response = new AdmissionResponse { Uid = request?.Uid ?? string.Empty, Allowed = true };
        var result = new AdmissionReview { ApiVersion = review.ApiVersion ?? AdmissionReview.V1, Response = response };
        if (request is null || request.Operation is not ("CREATE" or "UPDATE")
            || !string.IsNullOrEmpty(request.SubResource))
        {
            return result;
        }

        if (request.Object is not { } obj)
        {
            return Refuse(result, "the request has no object to validate", []);
        }

        var apiVersion = (obj["apiVersion"] as JsonValue)?.ToString();
        if (apiVersion is null || !SmiVersions.IsSmiGroup(apiVersion))
        {
            return result;
        }

        var verdict = Validate(obj, request.Namespace);
        if (verdict.Warnings.Count > 0)
        {
            response.Warnings = [.. verdict.Warnings.Select(Format).Select(Truncate)];
        }

        return verdict.Errors.Count > 0
            ? Refuse(
                result,
                Describe(obj, request.Namespace) + " is not valid: " + string.Join("; ", verdict.Errors.Select(Format)),
                verdict.Errors)
            : result;
    }

    /// <summary>Validates one SMI object as admission would.</summary>
    /// <param name="obj">The object, in any SMI version.</param>
    /// <param name="ns">The namespace of the request, used when the object names none.</param>
    /// <returns>The errors that refuse it and the warnings that come back with it.</returns>
    public AdmissionVerdict Validate(JsonObject obj, string? ns)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var document = (JsonObject)obj.DeepClone();
        if (document["metadata"] is JsonObject metadata && metadata["name"] is null
            && metadata["generateName"] is JsonValue generateName)
        {
            // The API server names the object before admission; a request without one still gets validated.
            metadata["name"] = generateName.ToString() + "x";
        }

        var loader = new ManifestLoader { DefaultNamespace = string.IsNullOrEmpty(ns) ? "default" : ns };
        var loaded = loader.LoadText(document.ToJsonString(), "admission");
        var builder = new SnapshotBuilder().Add(loaded);
        var target = loaded.Objects.FirstOrDefault()?.Ref;
        if (NamespaceObjects is not null && target?.Namespace is { } objectNamespace)
        {
            foreach (var other in NamespaceObjects(objectNamespace))
            {
                if (other is Abstractions.Resources.SmiObject smi && smi.Metadata?.Name == target.Name
                    && smi.Kind == target.Kind)
                {
                    continue;
                }

                builder.Add(other);
            }
        }

        var errors = new List<Diagnostic>();
        var warnings = new List<Diagnostic>();
        foreach (var diagnostic in builder.Build().Diagnostics)
        {
            if (diagnostic.Object is not null && target is not null && !diagnostic.Object.Equals(target))
            {
                continue;
            }

            if (diagnostic.Reason == "ServiceNotFound" && NamespaceObjects is null)
            {
                continue;
            }

            if (diagnostic.Reason == "UnknownField")
            {
                errors.Add(diagnostic);
            }
            else if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                (CrossObjectReasons.Contains(diagnostic.Reason) ? warnings : errors).Add(diagnostic);
            }
            else if (diagnostic.Severity == DiagnosticSeverity.Warning)
            {
                warnings.Add(diagnostic);
            }
        }

        return new AdmissionVerdict(errors, warnings);
    }

    private static AdmissionReview Refuse(AdmissionReview result, string message, IReadOnlyList<Diagnostic> errors)
    {
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = error.Reason == "UnknownField" ? "FieldValueNotSupported" : "FieldValueInvalid",
                ["message"] = error.Message,
                ["field"] = error.FieldPath ?? string.Empty,
            });
        }

        result.Response!.Allowed = false;
        result.Response.Status = new ReviewStatus
        {
            Status = "Failure",
            Code = 400,
            Reason = "BadRequest",
            Message = message,
            Details = causes.Count > 0 ? new JsonObject { ["causes"] = causes } : null,
        };
        return result;
    }

    private static string Describe(JsonObject obj, string? ns)
    {
        var metadata = obj["metadata"] as JsonObject;
        var name = (metadata?["name"] as JsonValue)?.ToString() ?? (metadata?["generateName"] as JsonValue)?.ToString()
            ?? string.Empty;
        var objectNamespace = (metadata?["namespace"] as JsonValue)?.ToString() ?? ns;
        return $"{(obj["apiVersion"] as JsonValue)?.ToString()} {(obj["kind"] as JsonValue)?.ToString()} " +
            $"{(string.IsNullOrEmpty(objectNamespace) ? string.Empty : objectNamespace + "/")}{name}";
    }

    private static string Format(Diagnostic diagnostic) =>
        string.IsNullOrEmpty(diagnostic.FieldPath)
            ? $"{diagnostic.Reason}: {diagnostic.Message}"
            : $"{diagnostic.FieldPath}: {diagnostic.Message} ({diagnostic.Reason})";

    private static string Truncate(string warning) =>
        warning.Length <= MaxWarningLength ? warning : warning[..(MaxWarningLength - 3)] + "...";
}

using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Smi.Testing.ApiServer.Schema;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Structural-schema handling of custom objects on create, update, patch and apply: unknown fields are pruned (or
/// refused), then <c>default:</c> values are applied, in the request version's schema
/// (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/, "Field pruning"
/// and "Defaulting"; decoding in <c>k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go</c>
/// prunes in <c>schemaCoercingDecoder</c> before the versioning codec defaults).
/// </summary>
internal sealed partial class ApiRequestHandler
{
    private static readonly AsyncLocal<string?> FieldValidation = new();

    /// <summary>
    /// Reads <c>fieldValidation</c>: <c>Strict</c> refuses unknown fields with 400, <c>Ignore</c> drops them silently,
    /// and <c>Warn</c> (the default when absent) drops them with a <c>Warning</c> header per field
    /// (https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation).
    /// </summary>
    private static void BeginFieldValidation(HttpRequest request) =>
        FieldValidation.Value = request.Query["fieldValidation"].ToString() is { Length: > 0 } mode ? mode : "Warn";

    /// <summary>The CEL rules that could not be evaluated so far, in the order met, each once.</summary>
    public IReadOnlyList<UnevaluatedCelRule> UnevaluatedCelRules
    {
        get
        {
            lock (_unevaluatedCelRules)
            {
                return [.. _unevaluatedCelRules];
            }
        }
    }

    private readonly List<UnevaluatedCelRule> _unevaluatedCelRules = [];

    /// <summary>
    /// Prunes and defaults a custom object in place, then evaluates its CEL rules (422 when one fails); does nothing
    /// for built-in kinds. <paramref name="old"/> is the stored object on update.
    /// </summary>
    private void ApplyStructuralSchema(ResourceType type, JsonObject obj, JsonObject? old)
    {
        if (type.Crd?.Versions.FirstOrDefault(v => v.Name == type.Version)?.Schema is not { } schema)
        {
            return;
        }

        var pruned = StructuralPruning.Prune(schema, obj);
        if (pruned.Count > 0)
        {
            var unknown = pruned.Select(p => $"unknown field \"{p}\"").ToList();
            switch (FieldValidation.Value)
            {
                case "Strict":
                    var message = $"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: "
                        + "strict decoding error: " + string.Join(", ", unknown);
                    throw new ApiErrorException(KubernetesStatus.BadRequest(message));
                case "Ignore":
                    break;
                default:
                    RequestWarnings.Value?.AddRange(unknown);
                    break;
            }
        }

        StructuralDefaulting.Apply(schema, obj);
        var violations = new List<FieldViolation>();
        var unevaluated = new List<UnevaluatedCelRule>();
        CelRules.Evaluate(type.Crd.Name, schema, obj, old, violations, unevaluated);
        foreach (var rule in unevaluated)
        {
            RequestWarnings.Value?.Add($"validation rule not evaluated by this server: {rule}");
            lock (_unevaluatedCelRules)
            {
                if (!_unevaluatedCelRules.Contains(rule))
                {
                    _unevaluatedCelRules.Add(rule);
                }
            }
        }

        if (violations.Count > 0)
        {
            var name = obj["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
            throw new ApiErrorException(KubernetesStatus.Invalid(type.Group, type.Kind, name, violations));
        }
    }
}

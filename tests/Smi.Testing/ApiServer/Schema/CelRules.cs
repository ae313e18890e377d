using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Cel;

namespace Smi.Testing.ApiServer.Schema;

/// <summary>
/// Evaluates a CRD's <c>x-kubernetes-validations</c> rules with the <c>Cel</c> library, as kube-apiserver does after
/// defaulting (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/,
/// "Validation rules"; <c>k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go</c>): each rule runs
/// with <c>self</c> bound to the value at its schema node; a rule that reads <c>oldSelf</c> (a transition rule) runs
/// only on update, where the old value at the same place exists (objects by key; list items are not correlated); a
/// value equal to the old one is not checked again (validation ratcheting, on by default since Kubernetes 1.33).
/// A rule that is false is a violation at its path plus its <c>fieldPath</c>, with its <c>message</c> or
/// <c>failed rule: RULE</c>, formatted <c>Invalid value: "TYPE": MESSAGE</c>. A rule the library cannot evaluate
/// (kube's extension functions such as <c>isURL</c>, <c>split</c> or <c>indexOf</c>) is not taken as passed: it is
/// returned in the list of unevaluated rules, which the server records and warns about. <c>messageExpression</c> and
/// <c>reason</c> are not applied (the message and <c>Invalid</c> are used).
/// </summary>
internal static class CelRules
{
    private static readonly Lock Gate = new();
    private static readonly CelEnvironment Environment = new(null, null);
    private static readonly ConcurrentDictionary<string, CelProgramDelegate> Programs = new(StringComparer.Ordinal);

    /// <summary>Whether a schema node or one beneath it has rules, per node of a stored CRD's schema.</summary>
    private static readonly ConditionalWeakTable<JsonObject, StrongBox<bool>> RulesBeneath = [];

    /// <summary>
    /// Evaluates every rule over <paramref name="obj"/>; <paramref name="old"/> is the object before an update.
    /// </summary>
    public static void Evaluate(
        string crd,
        JsonObject schema,
        JsonObject obj,
        JsonObject? old,
        List<FieldViolation> violations,
        List<UnevaluatedCelRule> unevaluated)
    {
        Walk(crd, schema, obj, old, string.Empty, string.Empty, violations, unevaluated);
    }

    private static void Walk(
        string crd,
        JsonObject schema,
        JsonNode? value,
        JsonNode? old,
        string path,
        string schemaPath,
        List<FieldViolation> violations,
        List<UnevaluatedCelRule> unevaluated)
    {
        if (value is null || !HasRules(schema))
        {
            // No rule here or beneath: nothing to evaluate in this value.
            return;
        }

        if (schema["x-kubernetes-validations"] is JsonArray rules)
        {
            foreach (var rule in rules.OfType<JsonObject>())
            {
                Check(crd, schema, rule, value, old, path, schemaPath, violations, unevaluated);
            }
        }

        switch (value)
        {
            case JsonObject fields:
                foreach (var (key, child) in fields)
                {
                    if (SchemaFacts.Field(schema, key) is { } field)
                    {
                        var here = Join(path, key);
                        Walk(crd, field, child, old?[key], here, Join(schemaPath, key), violations, unevaluated);
                    }
                }

                break;
            case JsonArray items when schema["items"] is JsonObject itemSchema:
                for (var i = 0; i < items.Count; i++)
                {
                    var here = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                    Walk(crd, itemSchema, items[i], null, here, schemaPath + "[*]", violations, unevaluated);
                }

                break;
        }
    }

    /// <summary>
    /// Whether <paramref name="schema"/> or a schema beneath it (properties, additionalProperties, items) has
    /// <c>x-kubernetes-validations</c>; found once per schema node.
    /// </summary>
    private static bool HasRules(JsonObject schema) =>
        RulesBeneath.GetValue(schema, node => new StrongBox<bool>(
            node["x-kubernetes-validations"] is JsonArray { Count: > 0 }
            || (node["properties"] is JsonObject properties
                && properties.Any(p => p.Value is JsonObject field && HasRules(field)))
            || (node["additionalProperties"] is JsonObject additional && HasRules(additional))
            || (node["items"] is JsonObject items && HasRules(items)))).Value;

    private static void Check(
        string crd,
        JsonObject schema,
        JsonObject rule,
        JsonNode value,
        JsonNode? old,
        string path,
        string schemaPath,
        List<FieldViolation> violations,
        List<UnevaluatedCelRule> unevaluated)
    {
        if (rule["rule"] is not JsonValue text || !text.TryGetValue<string>(out var expression))
        {
            return;
        }

        var transition = expression.Contains("oldSelf", StringComparison.Ordinal);
        if ((transition && old is null) || (old is not null && JsonNode.DeepEquals(value, old)))
        {
            // Transition rules need an old value; an unchanged value is not checked again ("Validation ratcheting").
            return;
        }

        var variables = new Dictionary<string, object?> { ["self"] = ToCel(value) };
        if (transition)
        {
            variables["oldSelf"] = ToCel(old);
        }

        object? result;
        try
        {
            lock (Gate)
            {
                result = Programs.GetOrAdd(expression, e => Environment.Compile(e))(variables);
            }
        }
        catch (Exception e) when (e is CelExpressionParserException or CelUnboundFunctionException
            or CelNoSuchOverloadException or CelTypeDoesNotSupportFieldSelectionException
            or CelUndeclaredReferenceException)
        {
            var at = schemaPath.Length == 0 ? "<root>" : schemaPath;
            unevaluated.Add(new UnevaluatedCelRule(crd, at, expression, e.Message));
            return;
        }
        catch (CelException e)
        {
            // A runtime error (a key that is absent, an overflow) fails the rule, as in kube-apiserver.
            violations.Add(Violation(schema, rule, path, $"{e.Message} evaluating rule: {expression}"));
            return;
        }

        if (result is not true)
        {
            var message = rule["message"] is JsonValue m && m.TryGetValue<string>(out var given) && given.Length > 0
                ? given
                : "failed rule: " + expression;
            violations.Add(Violation(schema, rule, path, message));
        }
    }

    private static FieldViolation Violation(JsonObject schema, JsonObject rule, string path, string message)
    {
        var fieldPath = rule["fieldPath"] is JsonValue f && f.TryGetValue<string>(out var given)
            ? given.TrimStart('.')
            : null;
        var at = string.IsNullOrEmpty(fieldPath) ? path : Join(path, fieldPath);
        var type = schema["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : "object";
        return new FieldViolation(at.Length == 0 ? "<root>" : at, $"\"{type}\": {message}");
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    /// <summary>JSON to the values the library binds: maps, lists, longs, doubles, strings, booleans.</summary>
    private static object? ToCel(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToCel(p.Value)),
        JsonArray array => array.Select(ToCel).ToList(),
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<long>(out var integer) => integer,
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        _ => node.ToJsonString(),
    };
}

using System.Text.Json.Nodes;
using Smi.Testing.ApiServer;
using Smi.Testing.ApiServer.Schema;

namespace Smi.Testing.Tests.ApiServer;

/// <summary>
/// <see cref="CelRules"/> reaches a rule wherever the schema puts it: under <c>properties</c>, an
/// <c>additionalProperties</c> map and the <c>items</c> of a list, at any depth; a value whose schema has no rule
/// at or beneath it passes without evaluation.
/// </summary>
public sealed class CelRuleWalkTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {"type": "object", "properties": {
          "spec": {"type": "object", "properties": {
            "plain": {"type": "object", "properties": {"x": {"type": "integer"}}},
            "limits": {"type": "object", "additionalProperties": {
              "type": "integer", "x-kubernetes-validations": [{"rule": "self <= 10"}]}},
            "hops": {"type": "array", "items": {"type": "object", "properties": {
              "weight": {"type": "integer", "x-kubernetes-validations": [{"rule": "self >= 0"}]}}}}
          }}}}
        """)!.AsObject();

    [Theory]
    [InlineData("""{"spec": {"limits": {"a": 3, "b": 11}}}""", "spec.limits.b")]
    [InlineData("""{"spec": {"hops": [{"weight": 1}, {"weight": -1}]}}""", "spec.hops[1].weight")]
    public void A_Rule_Beneath_A_Map_Or_A_List_Fails_At_Its_Path(string json, string path)
    {
        var (violations, unevaluated) = Evaluate(json);

        Assert.Equal([path], violations.Select(v => v.Path));
        Assert.Empty(unevaluated);
    }

    [Theory]
    [InlineData("""{"spec": {"plain": {"x": -100}, "limits": {"a": 10}, "hops": [{"weight": 0}]}}""")]
    [InlineData("""{"spec": {"plain": {"x": 1}}}""")]
    public void Values_That_Meet_Every_Rule_Or_Have_None_Pass(string json)
    {
        var (violations, unevaluated) = Evaluate(json);

        Assert.Empty(violations);
        Assert.Empty(unevaluated);
    }

    private static (List<FieldViolation> Violations, List<UnevaluatedCelRule> Unevaluated) Evaluate(string json)
    {
        var violations = new List<FieldViolation>();
        var unevaluated = new List<UnevaluatedCelRule>();
        CelRules.Evaluate("walks.example.com", Schema, JsonNode.Parse(json)!.AsObject(), null, violations, unevaluated);
        return (violations, unevaluated);
    }
}

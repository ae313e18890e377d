using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Evaluation;

namespace Smi.Cli.Explain;

/// <summary>
/// Prints, for each request between a pod of the caller and a pod of the callee, whether SMI allows it (which
/// TrafficTarget and rule, or the TrafficTargets that name both pods but whose rules refuse it) and whether the
/// mesh's generated resources do (which object decides), and flags each request they disagree on.
/// </summary>
internal static class AccessExplanation
{
    /// <summary>Writes the explanation as text, YAML or JSON and returns how many requests disagree.</summary>
    public static int Write(
        TextWriter output, string format, MeshSnapshot snapshot, IReadOnlyList<JsonObject> resources, string mesh,
        IAccessEvaluator evaluator, IReadOnlyList<AccessCase> cases, string trustDomain)
    {
        var judged = cases.Select(c => (Case: c,
                Smi: SmiAccessEvaluator.Evaluate(snapshot, c.Request, trustDomain),
                NearMisses: SmiAccessEvaluator.Check(snapshot, c.Request, trustDomain).Where(t => !t.Allowed).ToList(),
                Mesh: evaluator.Evaluate(resources, c.Request)))
            .ToList();
        var disagreements = judged.Count(j => j.Smi.Allowed != j.Mesh.Allowed);
        if (format is "json" or "yaml")
        {
            var json = new JsonObject
            {
                ["mesh"] = mesh,
                ["requests"] = new JsonArray([.. judged.Select(j => (JsonNode)new JsonObject
                {
                    ["from"] = j.Case.From,
                    ["to"] = j.Case.To,
                    ["request"] = Describe(j.Case.Request),
                    ["smi"] = Json(j.Smi, j.NearMisses),
                    ["generated"] = Json(j.Mesh, []),
                    ["agree"] = j.Smi.Allowed == j.Mesh.Allowed,
                })]),
                ["disagreements"] = disagreements,
            };
            output.Write(format == "json" ? json.ToJsonString() + "\n" : ManifestWriter.ToYaml(json));
            return disagreements;
        }

        var label = mesh + ":";
        var width = Math.Max("request:".Length, label.Length) + 1;
        foreach (var (c, smi, nearMisses, generated) in judged)
        {
            output.WriteLine($"{c.From} -> {c.To}");
            output.WriteLine($"  {"request:".PadRight(width)}{Describe(c.Request)}");
            output.WriteLine($"  {"SMI:".PadRight(width)}{Verdict(smi)}");
            if (!smi.Allowed)
            {
                foreach (var miss in nearMisses)
                {
                    output.WriteLine($"  {string.Empty.PadRight(width)}near miss: {miss.Name}");
                    output.WriteLine($"  {string.Empty.PadRight(width)}  {miss.Rule}");
                }
            }

            output.WriteLine($"  {label.PadRight(width)}{Verdict(generated)}");
            if (smi.Allowed != generated.Allowed)
            {
                output.WriteLine(smi.Allowed
                    ? $"  DISAGREE: SMI allows it, {mesh} denies it"
                    : $"  DISAGREE: SMI denies it, {mesh} allows it");
            }
        }

        output.WriteLine(disagreements == 0
            ? $"SMI and {mesh} agree on {judged.Count} request(s)"
            : $"SMI and {mesh} disagree on {disagreements} of {judged.Count} request(s)");
        return disagreements;
    }

    private static string Verdict(AccessDecision decision) =>
        $"{(decision.Allowed ? "allow" : "deny")}: {decision.Reason}"
        + (decision.Rule is null ? string.Empty : $" ({decision.Rule})");

    private static JsonObject Json(AccessDecision decision, IReadOnlyList<AccessTargetCheck> nearMisses)
    {
        var json = new JsonObject
        {
            ["allowed"] = decision.Allowed,
            ["reason"] = decision.Reason,
        };
        if (decision.DecidedBy is { } decidedBy)
        {
            json["decidedBy"] = decidedBy;
        }

        if (decision.Rule is { } rule)
        {
            json["rule"] = rule;
        }

        if (nearMisses.Count > 0 && !decision.Allowed)
        {
            json["nearMisses"] = new JsonArray([.. nearMisses.Select(m => (JsonNode)new JsonObject
            {
                ["trafficTarget"] = m.Name,
                ["rule"] = m.Rule,
            })]);
        }

        return json;
    }

    private static string Describe(AccessRequest request) => request.Protocol switch
    {
        AccessProtocol.Http => $"HTTP {request.Request.Method} {request.Request.Path}"
            + string.Concat(request.Request.Headers.OrderBy(h => h.Key, StringComparer.Ordinal)
                .Select(h => $" -H '{h.Key}: {h.Value}'")),
        AccessProtocol.Udp => "UDP datagrams",
        _ => "a TCP connection",
    };
}

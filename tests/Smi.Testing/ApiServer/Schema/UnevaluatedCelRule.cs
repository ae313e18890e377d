namespace Smi.Testing.ApiServer.Schema;

/// <summary>An <c>x-kubernetes-validations</c> rule the CEL library could not evaluate, and why.</summary>
/// <param name="Crd">The CRD's name.</param>
/// <param name="Path">The schema path the rule sits on (<c>spec.rules[*].matches[*].path</c>).</param>
/// <param name="Rule">The rule's expression.</param>
/// <param name="Reason">The library's error.</param>
public sealed record UnevaluatedCelRule(string Crd, string Path, string Rule, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Crd} {Path}: {Rule} ({Reason})";
}

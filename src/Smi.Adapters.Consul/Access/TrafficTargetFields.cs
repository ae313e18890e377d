using Smi.Abstractions.Model;

namespace Smi.Adapters.Consul.Access;

/// <summary>Field paths in a TrafficTarget, whose shape differs between access versions.</summary>
internal static class TrafficTargetFields
{
    /// <summary>A field path in a TrafficTarget; access v1alpha1 has no <c>spec</c> wrapper.</summary>
    /// <param name="grant">The grant of the TrafficTarget.</param>
    /// <param name="field">The field below the spec.</param>
    /// <returns>The path.</returns>
    public static string SpecPath(AccessGrant grant, string field) =>
        grant.Source.Version == "v1alpha1" ? field : $"spec.{field}";

    /// <summary>The name of the rules field: <c>specs</c> in access v1alpha1, <c>rules</c> later.</summary>
    /// <param name="grant">The grant of the TrafficTarget.</param>
    /// <returns>The field name.</returns>
    public static string RulesField(AccessGrant grant) => grant.Source.Version == "v1alpha1" ? "specs" : "rules";

    /// <summary>The path of the rules field.</summary>
    /// <param name="grant">The grant of the TrafficTarget.</param>
    /// <returns>The path.</returns>
    public static string RulesPath(AccessGrant grant) => SpecPath(grant, RulesField(grant));
}

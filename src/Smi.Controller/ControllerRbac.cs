using System.Collections.Immutable;
using Smi.Abstractions.Conversion;

namespace Smi.Controller;

/// <summary>
/// Every (group, resource, verbs) the controller uses, so RBAC can be generated from it and checked against the
/// requests a test recorded. Discovery (<c>/apis</c>) needs no rule: it is open to every authenticated user.
/// </summary>
public static class ControllerRbac
{
    private static readonly ImmutableArray<string> Read = ["get", "list", "watch"];

    /// <summary>The verbs used on output kinds: read, apply (<c>patch</c>, which creates), and <c>delete</c> to prune.</summary>
    public static ImmutableArray<string> OutputVerbs { get; } = ["create", "delete", "get", "list", "patch", "watch"];

    /// <summary>
    /// The rules that do not depend on the mesh: SMI kinds and their status, Services, workloads, Namespaces, core
    /// Events (the controller records <c>v1</c> Events only, so no <c>events.k8s.io</c> rule), Leases and CRDs.
    /// </summary>
    public static ImmutableArray<RbacRule> Common { get; } = BuildCommon();

    /// <summary>The rules for one mesh: <see cref="Common"/> and the mesh's output kinds.</summary>
    /// <param name="mesh">The mesh name.</param>
    /// <returns>The rules, sorted by group and resource.</returns>
    public static ImmutableArray<RbacRule> For(string mesh) => For(MeshOutputKinds.For(mesh));

    /// <summary>The rules for a controller whose outputs carry several mesh labels (an adapter that delegates to another).</summary>
    /// <param name="meshes">The mesh labels, for example <c>gateway-api</c> and <c>istio</c>.</param>
    /// <returns>The rules, sorted by group and resource.</returns>
    public static ImmutableArray<RbacRule> ForMeshes(IEnumerable<string> meshes) => For(meshes.SelectMany(m => MeshOutputKinds.For(m)));

    /// <summary>The rules for a set of output kinds.</summary>
    /// <param name="outputKinds">The output kinds.</param>
    /// <returns>The rules, sorted by group and resource.</returns>
    public static ImmutableArray<RbacRule> For(IEnumerable<ResourceKind> outputKinds)
    {
        ArgumentNullException.ThrowIfNull(outputKinds);
        var outputs = outputKinds
            .Select(k => (k.Group, k.Plural))
            .Distinct()
            .Select(k => new RbacRule(k.Group, k.Plural, OutputVerbs));
        return [.. Common.Concat(outputs).OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Resource, StringComparer.Ordinal)];
    }

    /// <summary>Whether the rules allow a verb on a resource.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="group">The API group.</param>
    /// <param name="resource">The resource or <c>resource/subresource</c>.</param>
    /// <param name="verb">The verb.</param>
    /// <returns><see langword="true"/> when a rule allows it.</returns>
    public static bool Allows(IEnumerable<RbacRule> rules, string group, string resource, string verb) =>
        rules.Any(r => string.Equals(r.Group, group, StringComparison.Ordinal)
            && string.Equals(r.Resource, resource, StringComparison.Ordinal)
            && r.Verbs.Contains(verb, StringComparer.Ordinal));

    private static ImmutableArray<RbacRule> BuildCommon()
    {
        var rules = new List<RbacRule>();
        foreach (var (group, plural) in SmiVersions.All.Select(v => (v.Group, v.Plural)).Distinct())
        {
            rules.Add(new RbacRule(group, plural, Read));
            rules.Add(new RbacRule(group, plural + "/status", ["get", "patch", "update"]));
        }

        rules.Add(new RbacRule(string.Empty, "services", Read));
        rules.Add(new RbacRule(string.Empty, "namespaces", Read));
        rules.Add(new RbacRule(string.Empty, "pods", Read));
        rules.Add(new RbacRule(string.Empty, "events", ["create", "patch"]));
        rules.Add(new RbacRule("apps", "deployments", Read));
        rules.Add(new RbacRule("apps", "statefulsets", Read));
        rules.Add(new RbacRule("apps", "daemonsets", Read));
        rules.Add(new RbacRule("coordination.k8s.io", "leases", ["create", "get", "update"]));
        rules.Add(new RbacRule("apiextensions.k8s.io", "customresourcedefinitions", Read));
        return [.. rules.OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Resource, StringComparer.Ordinal)];
    }
}

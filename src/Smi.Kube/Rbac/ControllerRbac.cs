using System.Collections.Immutable;
using Smi.Abstractions.Adapters;
using Smi.Abstractions.Conversion;

namespace Smi.Kube.Rbac;

/// <summary>
/// Every (group, resource, verbs) the controller uses, so RBAC can be generated from it and checked against the
/// requests a test recorded. Discovery (<c>/apis</c>) needs no rule: it is open to every authenticated user.
/// </summary>
public static class ControllerRbac
{
    private static readonly ImmutableArray<string> Read = ["get", "list", "watch"];

    /// <summary>
    /// The verbs used on output kinds: read, apply (<c>patch</c>, which creates), and <c>delete</c> to prune.
    /// </summary>
    public static ImmutableArray<string> OutputVerbs { get; } = MeshResourceKind.WriteVerbs;

    /// <summary>
    /// The rules that do not depend on the mesh: SMI kinds and their status, Services, workloads, Namespaces, core
    /// Events (the controller records <c>v1</c> Events only, so no <c>events.k8s.io</c> rule), Leases and CRDs.
    /// </summary>
    public static ImmutableArray<RbacRule> Common { get; } = BuildCommon();

    /// <summary>
    /// The rules for a controller of one mesh: <see cref="Common"/>, and the kinds its adapter (and the adapter it
    /// delegates access control to) writes and reads, with the verbs each declares.
    /// </summary>
    /// <param name="adapters">The registered adapters.</param>
    /// <param name="mesh">The mesh name.</param>
    /// <param name="accessControlDelegate">The mesh access control is delegated to, or <see langword="null"/>.</param>
    /// <returns>The rules, sorted by group and resource.</returns>
    public static ImmutableArray<RbacRule> For(
        MeshAdapterCatalog adapters, string mesh, string? accessControlDelegate = null)
    {
        ArgumentNullException.ThrowIfNull(adapters);
        return For(adapters.OutputKinds(mesh, accessControlDelegate)
            .Concat(adapters.WatchedKinds(mesh, accessControlDelegate)));
    }

    /// <summary>The rules for a set of output kinds, each with <see cref="OutputVerbs"/>.</summary>
    /// <param name="outputKinds">The output kinds.</param>
    /// <returns>The rules, sorted by group and resource.</returns>
    public static ImmutableArray<RbacRule> For(IEnumerable<ResourceKind> outputKinds)
    {
        ArgumentNullException.ThrowIfNull(outputKinds);
        return For(outputKinds.Select(k => new MeshResourceKind(k.Group, k.Version, k.Plural, k.Kind, k.Namespaced)));
    }

    /// <summary>
    /// The rules for a set of kinds adapters declare and <see cref="Common"/>: one rule per group and resource with
    /// every verb any version of it needs.
    /// </summary>
    /// <param name="kinds">The kinds.</param>
    /// <returns>The rules, sorted by group and resource.</returns>
    public static ImmutableArray<RbacRule> For(IEnumerable<MeshResourceKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var declared = kinds.Select(k => new RbacRule(k.Group, k.Plural, k.Verbs));
        return
        [
            .. Common.Concat(declared)
                .GroupBy(r => (r.Group, r.Resource))
                .Select(g => new RbacRule(
                    g.Key.Group,
                    g.Key.Resource,
                    [.. g.SelectMany(r => r.Verbs).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
                .OrderBy(r => r.Group, StringComparer.Ordinal)
                .ThenBy(r => r.Resource, StringComparer.Ordinal),
        ];
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

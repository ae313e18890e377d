using Smi.Abstractions.Adapters;
using Smi.Adapters.Istio;
using Smi.Kube.Rbac;

namespace Smi.Kube.Tests;

/// <summary><see cref="ControllerRbac"/>: the rules rendered from the common needs and the adapters' kinds.</summary>
public sealed class ControllerRbacTests
{
    [Fact]
    public void Common_ReadsSmiKinds_AndWritesTheirStatus()
    {
        var rules = ControllerRbac.Common;

        Assert.Contains(new RbacRule("split.smi-spec.io", "trafficsplits", ["get", "list", "watch"]), rules, Same);
        Assert.Contains(
            new RbacRule("split.smi-spec.io", "trafficsplits/status", ["get", "patch", "update"]), rules, Same);
        Assert.Contains(new RbacRule(string.Empty, "events", ["create", "patch"]), rules, Same);
        AssertSortedAndUnique(rules);
    }

    [Fact]
    public void For_AMesh_AddsItsOutputKinds_WithTheWriteVerbs()
    {
        var rules = ControllerRbac.For(new MeshAdapterCatalog([new IstioAdapter()]), "istio");

        var rule = Assert.Single(rules, r => r is { Group: "networking.istio.io", Resource: "virtualservices" });
        Assert.Equal<string>(MeshResourceKind.WriteVerbs, rule.Verbs);
        Assert.True(ControllerRbac.Allows(rules, "security.istio.io", "authorizationpolicies", "delete"));
        Assert.False(ControllerRbac.Allows(rules, "security.istio.io", "authorizationpolicies", "escalate"));
        Assert.False(ControllerRbac.Allows(rules, "security.istio.io", "peerauthentications", "get"));
        AssertSortedAndUnique(rules);
    }

    [Fact]
    public void For_Kinds_MergesTheVerbsOfOneResource()
    {
        MeshResourceKind[] kinds =
        [
            MeshResourceKind.Read("example.com", "v1", "widgets", "Widget"),
            new("example.com", "v2", "widgets", "Widget"),
        ];

        var rules = ControllerRbac.For(kinds);

        var rule = Assert.Single(rules, r => r is { Group: "example.com", Resource: "widgets" });
        Assert.Equal(MeshResourceKind.WriteVerbs.Order(StringComparer.Ordinal), rule.Verbs);
        Assert.Equal(ControllerRbac.Common.Length + 1, rules.Length);
    }

    [Fact]
    public void For_ResourceKinds_GivesThemTheOutputVerbs()
    {
        var rules = ControllerRbac.For([new ResourceKind("example.com", "v1", "gadgets", "Gadget")]);

        var rule = Assert.Single(rules, r => r is { Group: "example.com", Resource: "gadgets" });
        Assert.Equal<string>(ControllerRbac.OutputVerbs, rule.Verbs);
    }

    private static readonly IEqualityComparer<RbacRule> Same = EqualityComparer<RbacRule>.Create(
        (a, b) => a!.Group == b!.Group && a.Resource == b.Resource && a.Verbs.SequenceEqual(b.Verbs),
        r => HashCode.Combine(r.Group, r.Resource));

    private static void AssertSortedAndUnique(IReadOnlyList<RbacRule> rules)
    {
        var keys = rules.Select(r => (r.Group, r.Resource)).ToList();
        var sorted = keys.OrderBy(k => k.Group, StringComparer.Ordinal).ThenBy(k => k.Resource, StringComparer.Ordinal);
        Assert.Equal(sorted, keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(rules, r => Assert.Equal(r.Verbs.Order(StringComparer.Ordinal), r.Verbs));
    }
}

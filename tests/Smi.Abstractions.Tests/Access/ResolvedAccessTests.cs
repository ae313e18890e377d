using Smi.Abstractions.Access;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Testing;

namespace Smi.Abstractions.Tests.Access;

public sealed class ResolvedAccessTests
{
    private static MeshSnapshot Load(string caseName) => SnapshotBuilder.FromLoadResult(
        new ManifestLoader().LoadText(
            File.ReadAllText(Path.Combine(GoldenCases.Folder(caseName), "input.yaml")), "input.yaml"));

    private static ResolvedDestination Destination(MeshSnapshot snapshot, string name) =>
        snapshot.Access.Destinations.Single(d => d.Identity.Name == name);

    [Fact]
    public void NamedTargetPort_ResolvesPerWorkload()
    {
        var web = Destination(Load("access-named-ports-per-workload"), "web");

        var grant = web.Grants.Single(g => g.Grant.Source.Name == "frontend-to-web");
        var ports = grant.Ports.ToDictionary(p => p.Workload.Ref.Name, p => p.Ports.ToArray());
        Assert.Equal([8080], ports["web-v1"]);
        Assert.Equal([9090], ports["web-v2"]);
        Assert.True(grant.PortsDifferByWorkload);
        Assert.True(web.PortsDifferByWorkload);
        Assert.Equal([8080, 9090], grant.PortsOnAnyWorkload.ToArray());
    }

    [Fact]
    public void DestinationPort_ResolvesPerWorkload()
    {
        var web = Destination(Load("access-named-ports-per-workload"), "web");

        var grant = web.Grants.Single(g => g.Grant.Source.Name == "ops-to-web-admin");
        Assert.Equal(81, grant.Grant.DestinationPort);
        Assert.True(grant.EveryTcpPortByRules);
        var ports = grant.Ports.ToDictionary(p => p.Workload.Ref.Name, p => p.Ports.ToArray());
        Assert.Equal([9090], ports["web-v1"]);
        Assert.Equal([8080], ports["web-v2"]);
    }

    [Fact]
    public void NamedTargetPort_SameNumberOnEveryWorkload_DoesNotDiffer()
    {
        var api = Destination(Load("access-named-ports-per-workload"), "api");

        var grant = Assert.Single(api.Grants);
        Assert.All(grant.Ports, p => Assert.Equal([8080], p.Ports.ToArray()));
        Assert.False(grant.PortsDifferByWorkload);
        Assert.False(grant.EveryPort);
    }

    [Fact]
    public void SourceBinding_PickingSomePodsOfItsServiceAccount_IsAPodSubset()
    {
        var orders = Destination(Load("access-identity-binding-subsets"), "orders");

        var source = Assert.Single(Assert.Single(orders.Grants).Sources);
        Assert.Equal([("shop", "web")], source.ServiceAccounts.ToArray());
        Assert.True(source.NarrowerThanServiceAccounts);
        Assert.Equal("canary", source.PodSubset!["track"]);
    }

    [Fact]
    public void SourceBinding_PickingEveryPodOfItsServiceAccount_IsExact()
    {
        var apiV2 = Destination(Load("access-identity-binding-subsets"), "api-v2");

        var sources = Assert.Single(apiV2.Grants).Sources;
        Assert.False(sources[0].NarrowerThanServiceAccounts);
        Assert.Equal([("shop", "batch")], sources[1].ServiceAccounts.ToArray());
        Assert.False(sources[1].NarrowerThanServiceAccounts);
    }

    [Fact]
    public void DestinationBinding_PickingSomePods_IsAPodSubsetSelectedByLabel()
    {
        var apiV2 = Destination(Load("access-identity-binding-subsets"), "api-v2");

        Assert.True(apiV2.NarrowerThanServiceAccounts);
        Assert.Equal([("shop", "api")], apiV2.ServiceAccounts.ToArray());
        Assert.Equal("api-v2", Assert.Single(apiV2.Selection.Workloads).Ref.Name);
        Assert.Equal("v2", apiV2.Selection.CommonLabels["version"]);
        Assert.Equal([8080], Assert.Single(Assert.Single(apiV2.Grants).Ports).Ports.ToArray());
    }

    [Fact]
    public void MissingRouteOrUnresolvedName_ResolvesToNoPort_AndEmptyGroupMatchesNothing()
    {
        var snapshot = Load("access-rule-matches-nothing");

        var rules = snapshot.Access.Destinations.SelectMany(d => d.Grants).ToList();
        Assert.Contains(rules.SelectMany(g => g.PortRules), r => r.ResolvesToNoPort);
        Assert.Contains(rules.SelectMany(g => g.HttpRules), r => r.MatchesNothing);
        Assert.All(
            rules.Where(g => g.PortRules.Any(r => r.ResolvesToNoPort) && !g.EveryTcpPortByRules),
            g => Assert.Empty(g.PortsOnAnyWorkload));
    }

    [Fact]
    public void PodLabelsSelectOnly_IsFalseWhenAnotherWorkloadCarriesTheSameLabels()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: plain, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: x}}
                spec: {containers: [{name: c, image: i}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: versioned, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: x, version: v2}}
                spec: {containers: [{name: c, image: i}]}
            """;
        var snapshot = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(yaml, "in.yaml"));

        var plain = snapshot.Workloads.Single(w => w.Ref.Name == "plain");
        var versioned = snapshot.Workloads.Single(w => w.Ref.Name == "versioned");
        Assert.False(snapshot.PodLabelsSelectOnly(plain));
        Assert.True(snapshot.PodLabelsSelectOnly(versioned));
    }

    [Fact]
    public void Model_IsComputedOncePerSnapshot()
    {
        var snapshot = Load("access-named-ports-per-workload");

        Assert.Same(snapshot.Access, snapshot.Access);
        Assert.Equal(2, snapshot.Access.Destinations.Length);
        Assert.Equal(3, snapshot.Access.Destinations.Sum(d => d.Grants.Length));
        Assert.NotNull(snapshot.Access.Find(UnitKey.ForDestination(snapshot.AccessGrants[0].Destination)));
    }
}

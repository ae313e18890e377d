using Smi.Adapters.GatewayApi.Routes;
using Smi.Adapters.GatewayApi.Routes.Resources;

namespace Smi.Adapters.GatewayApi.Tests;

public class ServiceRouteBuilderTests
{
    [Fact]
    public void LongBranches_AreCutIntoUniquelyNamedRules()
    {
        var builder = new ServiceRouteBuilder(RouteApiVersion.GatewayV1);
        var many = Enumerable.Range(0, 70).Select(i => new HttpRouteMatch { Path = new HttpPathMatch { Value = $"^/p{i}$" } }).ToList();
        var backends = new[] { new WeightedBackend("web-v2", 1) };
        var route = builder.Build("web", 80, [new SplitBranch(many, backends, "ab"), new SplitBranch([many[0]], backends, "ab")], null, out var problem, "default");

        Assert.Null(problem);
        Assert.Equal(["ab", "ab-2", "ab-3", "default"], route!.Spec.Rules.Select(r => r.Name));
        Assert.Equal([64, 6, 1], route.Spec.Rules.Take(3).Select(r => r.Matches!.Count));
        Assert.Equal("web", route.Spec.Rules[^1].BackendRefs![0].Name);
    }

    [Fact]
    public void UnnamedBranches_GiveUnnamedRules()
    {
        var builder = new ServiceRouteBuilder(RouteApiVersion.GatewayV1);
        var route = builder.Build("web", 80, [new SplitBranch([new HttpRouteMatch { Method = "GET" }], [new WeightedBackend("web-v2", 1)])], null, out _);
        Assert.All(route!.Spec.Rules, r => Assert.Null(r.Name));
    }

    [Fact]
    public void SeventeenBackends_ExceedTheRuleLimit()
    {
        var builder = new ServiceRouteBuilder(RouteApiVersion.GatewayV1);
        var backends = Enumerable.Range(0, 17).Select(i => new WeightedBackend($"b{i}", 1)).ToList();
        Assert.Null(builder.Build("web", 80, [], backends, out var problem));
        Assert.Contains("17 backends", problem, StringComparison.Ordinal);
    }
}

using Smi.Abstractions.Adapters;
using Smi.Adapters.GatewayApi;
using Smi.Adapters.Istio;
using Smi.Testing.ToyMesh;

namespace Smi.Kube.Tests;

/// <summary>
/// <see cref="ResourceKinds"/>: the served resources a controller watches and writes are the adapter's declared
/// output kinds, field for field, with those of the access-control delegate when one is chosen.
/// </summary>
public sealed class ResourceKindsTests
{
    private static readonly MeshAdapterCatalog Adapters = new([new GatewayApiAdapter(), new IstioAdapter()]);

    [Fact]
    public void OutputsOf_AMesh_CopiesEveryDeclaredKind_InOrder()
    {
        var declared = Adapters.OutputKinds("istio");

        var kinds = ResourceKinds.OutputsOf(Adapters, "istio");

        Assert.NotEmpty(declared);
        Assert.Equal(
            declared.Select(k => (k.Group, k.Version, k.Plural, k.Kind, k.Namespaced)),
            kinds.Select(k => (k.Group, k.Version, k.Plural, k.Kind, k.Namespaced)));
    }

    [Fact]
    public void OutputsOf_AMeshWithADelegate_AddsTheDelegatesKinds()
    {
        var own = ResourceKinds.OutputsOf(Adapters, "gateway-api");
        var delegated = ResourceKinds.OutputsOf(Adapters, "gateway-api", "istio");

        Assert.DoesNotContain(own, k => k.Kind == "AuthorizationPolicy");
        Assert.Contains(
            new ResourceKind("security.istio.io", "v1", "authorizationpolicies", "AuthorizationPolicy"), delegated);
        Assert.Equal(own, delegated.Take(own.Length));
        Assert.Equal(delegated.Length, delegated.Distinct().Count());
    }

    [Fact]
    public void OutputsOf_AnUnknownMesh_IsEmpty()
    {
        Assert.Empty(ResourceKinds.OutputsOf(Adapters, "no-such-mesh"));
    }

    [Fact]
    public void OutputsOf_AnAdapter_IsItsOwnKinds()
    {
        var kinds = ResourceKinds.OutputsOf(new ToyAdapter());

        var kind = Assert.Single(kinds);
        Assert.Equal(new ResourceKind(RouteTable.Group, "v1alpha1", "routetables", nameof(RouteTable)), kind);
    }

    [Fact]
    public void OutputsOf_RejectsNull()
    {
        Assert.Throws<ArgumentNullException>(() => ResourceKinds.OutputsOf(null!, "istio"));
        Assert.Throws<ArgumentNullException>(() => ResourceKinds.OutputsOf((IMeshAdapter)null!));
    }

    [Theory]
    [InlineData("", "v1", "services", "v1", "services/v1")]
    [InlineData("apps", "v1", "deployments", "apps/v1", "deployments.apps/v1")]
    public void ResourceKind_FormatsCoreAndNamedGroups(
        string group, string version, string plural, string apiVersion, string display)
    {
        var kind = new ResourceKind(group, version, plural, "Any");

        Assert.Equal(apiVersion, kind.ApiVersion);
        Assert.Equal(display, kind.ToString());
    }
}

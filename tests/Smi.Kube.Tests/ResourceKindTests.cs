namespace Smi.Kube.Tests;

/// <summary>
/// <see cref="ResourceKind.ApiVersion"/> is built once per kind, and stays true to the group and version however the
/// kind is made: positionally, by configuration binding through its setters, or as a copy with another group or
/// version.
/// </summary>
public sealed class ResourceKindTests
{
    [Fact]
    public void ApiVersion_IsOneStringPerKind()
    {
        var kind = new ResourceKind("split.smi-spec.io", "v1alpha4", "trafficsplits", "TrafficSplit");

        Assert.Equal("split.smi-spec.io/v1alpha4", kind.ApiVersion);
        Assert.Same(kind.ApiVersion, kind.ApiVersion);
    }

    [Fact]
    public void ApiVersion_OfTheCoreGroup_IsTheVersion()
    {
        Assert.Equal("v1", new ResourceKind(string.Empty, "v1", "services", "Service").ApiVersion);
    }

    [Theory]
    [InlineData("apps", "v1", "apps/v1")]
    [InlineData("", "v1", "v1")]
    [InlineData("split.smi-spec.io", "v1alpha3", "split.smi-spec.io/v1alpha3")]
    public void ApiVersion_FollowsACopyWithAnotherGroupOrVersion(string group, string version, string expected)
    {
        var kind = new ResourceKind("networking.istio.io", "v1", "virtualservices", "VirtualService");

        Assert.Equal(expected, (kind with { Group = group, Version = version }).ApiVersion);
        Assert.Equal(expected, (kind with { Version = version, Group = group }).ApiVersion);
    }

    [Fact]
    public void ApiVersion_FollowsTheSettersOfTheParameterlessForm()
    {
        var bound = new ResourceKind { Group = "apps", Version = "v1", Plural = "deployments", Kind = "Deployment" };

        Assert.Equal("apps/v1", bound.ApiVersion);
        Assert.Equal(new ResourceKind("apps", "v1", "deployments", "Deployment"), bound);
        Assert.Equal(
            new ResourceKind("apps", "v1", "deployments", "Deployment").GetHashCode(), bound.GetHashCode());
    }
}

using Smi.Adapters.GatewayApi.Routes;

namespace Smi.Adapters.Linkerd.Tests;

public class ObjectNamesTests
{
    [Fact]
    public void Compose_KeepsShortValidNames()
    {
        Assert.Equal("api-8080", ObjectNames.Compose("api", 8080));
        Assert.Equal("web-80", ObjectNames.Compose("Web", 80));
        Assert.Equal("a-b", ObjectNames.Compose("a.b"));
    }

    [Fact]
    public void Compose_CutsLongNamesWithAStableHash()
    {
        var longName = new string('x', 70);
        var first = ObjectNames.Compose(longName, 1);
        var second = ObjectNames.Compose(longName, 2);
        Assert.True(first.Length <= 63);
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", first);
        Assert.NotEqual(first, second);
        Assert.Equal(first, ObjectNames.Compose(longName, 1));
    }
}

using System.Text.RegularExpressions;
using Smi.Abstractions.Model;

namespace Smi.Adapters.Istio.Tests;

public partial class IstioNamesTests
{
    [Fact]
    public void ShortNamesStayAsTheyAre()
    {
        Assert.Equal("web", IstioNames.ForSplitRoot("web"));
        Assert.Equal("smi-api", IstioNames.ForDestination(new IdentityRef(IdentityKind.ServiceAccount, "api", "shop")));
        Assert.Equal("smi-binding-api", IstioNames.ForDestination(new IdentityRef(IdentityKind.IdentityBinding, "api", "shop")));
    }

    [Fact]
    public void LongNamesAreTruncatedWithAStableHash()
    {
        var longName = new string('a', 40) + "-" + new string('b', 40);
        var first = IstioNames.ForDestination(new IdentityRef(IdentityKind.ServiceAccount, longName, "shop"));
        var second = IstioNames.ForDestination(new IdentityRef(IdentityKind.ServiceAccount, longName, "shop"));
        var other = IstioNames.ForDestination(new IdentityRef(IdentityKind.ServiceAccount, longName + "c", "shop"));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.True(first.Length <= 63);
        Assert.Matches(Dns1123(), first);
        Assert.StartsWith("smi-aaaa", first, StringComparison.Ordinal);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();
}

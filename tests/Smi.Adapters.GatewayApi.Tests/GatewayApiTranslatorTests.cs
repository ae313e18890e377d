using Smi.Abstractions.Crds;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Routes;
using Smi.Testing;

namespace Smi.Adapters.GatewayApi.Tests;

public class GatewayApiTranslatorTests
{
    [Fact]
    public void AbSplit_EndsWithCatchAllBackToTheRoot()
    {
        var result = GatewayApiGoldenTests.DefaultTranslator().Translate(GoldenTranslation.LoadSnapshot("ab-headers"));
        var route = Assert.Single(result.Resources).ToJson();
        var rules = route["spec"]!["rules"]!.AsArray();
        var last = rules[^1]!.AsObject();
        var catchAll = Assert.Single(last["matches"]!.AsArray())!.AsObject();
        Assert.Equal(["path"], catchAll.Select(p => p.Key));
        Assert.Equal(".*", (string)catchAll["path"]!["value"]!);
        Assert.Equal(route["spec"]!["parentRefs"]![0]!["name"]!.GetValue<string>(), last["backendRefs"]![0]!["name"]!.GetValue<string>());
        Assert.All(rules.Take(rules.Count - 1), r => Assert.True(r!.AsObject().ContainsKey("matches")));
    }

    /// <summary>
    /// Istio ranks Exact &gt; PathPrefix &gt; RegularExpression before anything else; a catch-all left to the CRD's
    /// default PathPrefix / would shadow every regex branch. Every match must be a regex, the catch-all's the shortest.
    /// </summary>
    [Theory]
    [InlineData("ab-headers")]
    [InlineData("ab-path-alternation")]
    [InlineData("istio-ab-methods-headers")]
    public void AbSplit_PutsEveryRuleInTheRegexTier(string caseName)
    {
        var result = GatewayApiGoldenTests.DefaultTranslator().Translate(GoldenTranslation.LoadSnapshot(caseName));
        foreach (var route in result.Resources.Select(r => r.ToJson()).Where(r => (string)r["kind"]! == "HTTPRoute"))
        {
            var rules = route["spec"]!["rules"]!.AsArray();
            var paths = rules.Select(r => r!["matches"]!.AsArray().Select(m => m!["path"]!).ToList()).ToList();
            Assert.All(paths.SelectMany(p => p), p => Assert.Equal("RegularExpression", (string)p["type"]!));
            var catchAllLength = ((string)paths[^1].Single()["value"]!).Length;
            Assert.All(paths.Take(paths.Count - 1).SelectMany(p => p),
                p => Assert.True(((string)p["value"]!).Length >= catchAllLength));
        }
    }

    [Theory]
    [InlineData(GatewayApiVersion.V1_2, false)]
    [InlineData(GatewayApiVersion.V1_5, true)]
    [InlineData(GatewayApiVersion.V1_6, true)]
    public void RuleNames_OnlyFromVersionsThatHaveThem(GatewayApiVersion version, bool named)
    {
        var translator = new GatewayApiTranslator(new TranslationOptions(), new GatewayApiOptions { Version = version });
        var result = translator.Translate(GoldenTranslation.LoadSnapshot("gateway-api-ab-multi-port"));
        foreach (var rule in result.Resources.SelectMany(r => r.ToJson()["spec"]!["rules"]!.AsArray()))
        {
            Assert.Equal(named, rule!.AsObject().ContainsKey("name"));
        }
    }

    [Theory]
    [InlineData(GatewayApiVersion.V1_2, "gateway.networking.k8s.io/v1alpha2")]
    [InlineData(GatewayApiVersion.V1_5, "gateway.networking.k8s.io/v1alpha2")]
    [InlineData(GatewayApiVersion.V1_6, "gateway.networking.k8s.io/v1")]
    public void TcpRoutes_UseTheVersionsApi(GatewayApiVersion version, string apiVersion)
    {
        var translator = new GatewayApiTranslator(new TranslationOptions(), new GatewayApiOptions { Version = version, TcpRoutes = true });
        var routes = translator.Translate(GoldenTranslation.LoadSnapshot("gateway-api-tcp-split")).Resources.Where(r => r.Ref.Kind == "TCPRoute").ToList();
        Assert.Equal(2, routes.Count);
        Assert.All(routes, r => Assert.Equal(apiVersion, r.Ref.ApiVersion));
        Assert.All(routes, r => Assert.Single(r.ToJson()["spec"]!["rules"]!.AsArray()));
    }

    [Fact]
    public void WithoutAccessControl_EveryTrafficTargetIsAnError()
    {
        var snapshot = GoldenTranslation.LoadSnapshot("shop-example");
        var result = GatewayApiGoldenTests.DefaultTranslator().Translate(snapshot);
        var errors = result.Diagnostics.Where(d => d.Reason == "AccessControlNotTranslated").ToList();
        Assert.Equal(snapshot.AccessGrants.Length, errors.Count);
        Assert.All(errors, d => Assert.Equal("gateway-api", d.Mesh));
        Assert.DoesNotContain(result.Resources, r => r.Unit.Kind != UnitKind.SplitRoot);
    }

    [Theory]
    [InlineData("istio")]
    [InlineData("linkerd")]
    public void DelegatedAccessControl_KeepsOnlyTheMeshsAccessUnits(string variant)
    {
        var snapshot = GoldenTranslation.LoadSnapshot("gateway-api-access-delegated");
        var result = GatewayApiOptionGoldenTests.TranslatorFor(variant).Translate(snapshot);
        Assert.DoesNotContain(result.Diagnostics, d => d.Reason == "AccessControlNotTranslated");
        var splitRoutes = result.Resources.Where(r => r.Unit.Kind == UnitKind.SplitRoot).ToList();
        Assert.All(splitRoutes, r => Assert.Equal("gateway-api", r.Object.Metadata.Labels["smi-adapter.io/mesh"]));
        var access = result.Resources.Where(r => r.Unit.Kind != UnitKind.SplitRoot).ToList();
        Assert.NotEmpty(access);
        Assert.All(access, r => Assert.Equal("gateway-api", r.Object.Metadata.Labels["smi-adapter.io/mesh"]));
        Assert.Contains(access, r => r.Object.ApiVersion.StartsWith(variant == "istio" ? "security.istio.io/" : "policy.linkerd.io/", StringComparison.Ordinal));
    }

    [Fact]
    public void RuleNames_AreRejectedByTheStandardChannelOf121()
    {
        var catalog = CrdCatalog.Load([Path.Combine(RepositoryPaths.Crds, "gateway-api", "v1.2.1", "standard")]);
        var named = new GatewayApiTranslator(new TranslationOptions(), new GatewayApiOptions { Version = GatewayApiVersion.V1_5 })
            .Translate(GoldenTranslation.LoadSnapshot("gateway-api-ab-multi-port")).Resources[0];
        Assert.NotEmpty(catalog.Validate(named.ToJson()));
    }

    [Fact]
    public void RuleNames_AreUniqueWhenBranchesAreCut()
    {
        var translator = new GatewayApiTranslator(new TranslationOptions(), new GatewayApiOptions { Version = GatewayApiVersion.V1_5 });
        foreach (var resource in translator.Translate(GoldenTranslation.LoadSnapshot("linkerd-ab-many-methods")).Resources)
        {
            var names = resource.ToJson()["spec"]!["rules"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
            Assert.All(names, n => Assert.Equal(ObjectNames.Compose(n), n));
        }
    }
}

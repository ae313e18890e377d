using System.Text.Json.Nodes;
using Smi.Testing;

namespace Smi.Evaluation.Tests;

public class HandCaseTests
{
    [Fact]
    public void Consul_RouterThenSplitter_UnmatchedRequestsGoThroughTheRootSplitter()
    {
        var output = Translate("consul", "consul-ab-and-plain-split");
        var evaluator = new ConsulDiscoveryChainEvaluator();

        var beta = evaluator.Evaluate(
            output, "shop", "web", MeshTranslation.Request("/", "GET", 80, "Cookie: a=1; beta=1; b=2"));
        var other = evaluator.Evaluate(
            output, "shop", "web", MeshTranslation.Request("/", "GET", 80, "Cookie: beta=2"));

        Assert.Equal("web-beta 100%", beta.ToString());
        Assert.Equal("web-v1 80%, web-v2 20%", other.ToString());
    }

    [Fact]
    public void Istio_FirstMatchingRouteWins_AndNearMissesStayOnTheRoot()
    {
        var output = Translate("istio", "ab-headers");
        var evaluator = new IstioVirtualServiceEvaluator();

        var firefox = evaluator.Evaluate(output, "shop", "checkout",
            MeshTranslation.Request("/checkout/cart", "POST", 8080, "user-agent: Firefox/1"));
        var chrome = evaluator.Evaluate(output, "shop", "checkout",
            MeshTranslation.Request("/checkout/cart", "POST", 8080, "user-agent: Chrome"));
        var put = evaluator.Evaluate(output, "shop", "checkout",
            MeshTranslation.Request("/checkout", "PUT", 8080, "user-agent: Firefox"));

        Assert.Equal("checkout-v2 100%", firefox.ToString());
        Assert.Equal("checkout 100%", chrome.ToString());
        Assert.Equal("checkout 100%", put.ToString());
    }

    [Fact]
    public void Istio_NoVirtualService_KeepsTrafficOnTheRoot() =>
        Assert.Equal("web 100%", new IstioVirtualServiceEvaluator()
            .Evaluate([], "shop", "web", MeshTranslation.Request("/")).ToString());

    [Fact]
    public void Istio_WeightsAreProportions() =>
        Assert.Equal("a 66.6667%, b 33.3333%", new IstioVirtualServiceEvaluator().Evaluate(
            [VirtualService("""
                [{"route": [{"destination": {"host": "a.shop.svc.cluster.local"}, "weight": 1000},
                  {"destination": {"host": "b.shop.svc.cluster.local"}, "weight": 500}]}]
                """)],
            "shop", "web", MeshTranslation.Request("/")).ToString());

    [Fact]
    public void Istio_NoRouteMatches_RoutesNowhere() =>
        Assert.Same(TrafficDistribution.None, new IstioVirtualServiceEvaluator().Evaluate(
            [VirtualService("""
                [{"match": [{"uri": {"prefix": "/api"}}],
                  "route": [{"destination": {"host": "a.shop.svc.cluster.local"}}]}]
                """)],
            "shop", "web", MeshTranslation.Request("/web")));

    [Theory]
    [InlineData(HttpRoutePrecedence.Specification, "/api/orders", "short 100%")]
    [InlineData(HttpRoutePrecedence.Istio, "/api/orders", "long 100%")]
    [InlineData(HttpRoutePrecedence.Specification, "/other", "prefix 100%")]
    [InlineData(HttpRoutePrecedence.Istio, "/other", "prefix 100%")]
    public void GatewayApi_PrecedenceVariantsDifferOnRegexLength(
        HttpRoutePrecedence precedence, string path, string expected)
    {
        // Rules: a short regex, a longer regex, and a PathPrefix /api/ that outranks both wherever it matches.
        var route = HttpRoute("""
            [{"matches": [{"path": {"type": "RegularExpression", "value": "/.*"}}],
              "backendRefs": [{"name": "short", "port": 80}]},
             {"matches": [{"path": {"type": "RegularExpression", "value": "/api/.*"}}],
              "backendRefs": [{"name": "long", "port": 80}]},
             {"matches": [{"path": {"type": "PathPrefix", "value": "/oth"}}, {"path": {"value": "/other"}}],
              "backendRefs": [{"name": "prefix", "port": 80}]}]
            """);

        var result = new GatewayHttpRouteEvaluator(precedence)
            .Evaluate([route], "shop", "web", MeshTranslation.Request(path));

        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void MatchWithoutPath_IsThePathPrefixSlashDefault_OutranksRegexBySpec_ButNotOnLinkerd()
    {
        // The Gateway API ranks any PathPrefix above a regex; linkerd2-proxy ranks by path characters covered, and
        // /api.* covers the four characters of /api where the default PathPrefix / covers one.
        var route = HttpRoute("""
            [{"matches": [{"path": {"type": "RegularExpression", "value": "/api.*"}}],
              "backendRefs": [{"name": "canary", "port": 80}]},
             {"backendRefs": [{"name": "web", "port": 80}]}]
            """);

        var spec = new GatewayHttpRouteEvaluator(HttpRoutePrecedence.Specification)
            .Evaluate([route], "shop", "web", MeshTranslation.Request("/api"));
        var linkerd = new LinkerdHttpRouteEvaluator()
            .Evaluate([route], "shop", "web", MeshTranslation.Request("/api"));

        Assert.Equal("web 100%", spec.ToString());
        Assert.Equal("canary 100%", linkerd.ToString());
    }

    [Fact]
    public void GatewayApi_MethodAndHeadersBreakTies_AndWeightsDefaultToOne()
    {
        var route = HttpRoute("""
            [{"matches": [{"path": {"type": "RegularExpression", "value": ".*"}}],
              "backendRefs": [{"name": "web", "port": 80}]},
             {"matches": [{"path": {"type": "RegularExpression", "value": ".*"}, "method": "GET",
                "headers": [{"name": "x-canary", "value": "1"}]}],
              "backendRefs": [{"name": "a", "port": 80}, {"name": "b", "port": 80, "weight": 3}]}]
            """);
        var evaluator = new GatewayHttpRouteEvaluator(HttpRoutePrecedence.Specification);

        Assert.Equal("a 25%, b 75%", evaluator.Evaluate([route], "shop", "web",
            MeshTranslation.Request("/", "GET", 80, "X-Canary: 1")).ToString());
        Assert.Equal("web 100%", evaluator.Evaluate([route], "shop", "web",
            MeshTranslation.Request("/", "GET", 80, "X-Canary: 2")).ToString());
        Assert.Equal("web 100%", evaluator.Evaluate([route], "shop", "web",
            MeshTranslation.Request("/", "GET", 81, "X-Canary: 1")).ToString());
    }

    [Fact]
    public void Consul_NestedSplittersMultiply()
    {
        var resources = new JsonObject[]
        {
            Consul("ServiceSplitter", "web", """
                {"splits": [{"service": "a", "weight": 50}, {"service": "b", "weight": 50}]}
                """),
            Consul("ServiceSplitter", "b", """
                {"splits": [{"service": "b", "weight": 20}, {"service": "c", "weight": 80}]}
                """),
        };

        var result = new ConsulDiscoveryChainEvaluator()
            .Evaluate(resources, "shop", "web", MeshTranslation.Request("/"));

        Assert.Equal("a 50%, b 10%, c 40%", result.ToString());
    }

    private static List<JsonObject> Translate(string mesh, string caseName)
    {
        var translator = MeshTranslation.Meshes.Single(m => m.Mesh == mesh).Translator;
        return [.. MeshTranslation.Output(translator.Translate(GoldenTranslation.LoadSnapshot(caseName)))];
    }

    private static JsonObject VirtualService(string http) => Parse(
        """{"kind": "VirtualService", "metadata": {"name": "web", "namespace": "shop"},"""
        + """ "spec": {"hosts": ["web.shop.svc.cluster.local"], "http": """ + http + "}}");

    private static JsonObject HttpRoute(string rules) => Parse(
        """{"kind": "HTTPRoute", "metadata": {"name": "web-80", "namespace": "shop"}, "spec": {"parentRefs": """
        + """[{"group": "", "kind": "Service", "name": "web", "port": 80}], "rules": """ + rules + "}}");

    private static JsonObject Consul(string kind, string name, string spec) => Parse(
        "{\"kind\": \"" + kind + "\", \"metadata\": {\"name\": \"" + name + "\", \"namespace\": \"shop\"}, \"spec\": "
        + spec + "}");

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}

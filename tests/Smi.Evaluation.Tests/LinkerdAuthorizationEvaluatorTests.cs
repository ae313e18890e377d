using System.Text.Json.Nodes;
using static Smi.Evaluation.Tests.AccessRequests;

namespace Smi.Evaluation.Tests;

/// <summary>
/// Policies from https://linkerd.io/2-edge/reference/authorization-policy/ (the emojivoto Server, AuthorizationPolicy
/// and MeshTLSAuthentication examples) and https://linkerd.io/2-edge/tasks/configuring-per-route-policy/ (the books
/// app's per-route policies).
/// </summary>
public class LinkerdAuthorizationEvaluatorTests
{
    private static readonly AccessPod Emoji = Pod("emojivoto", "emoji", "app=emoji-svc", "grpc=8080,prom=8801");

    private static readonly AccessPod Web = Pod("emojivoto", "web", "app=web-svc");

    private static readonly AccessPod VoteBot = Pod("emojivoto", "default", "app=vote-bot");

    private static readonly List<JsonObject> Emojivoto = Resources("""
        [{"apiVersion": "policy.linkerd.io/v1beta3", "kind": "Server",
          "metadata": {"namespace": "emojivoto", "name": "emoji-grpc"},
          "spec": {"podSelector": {"matchLabels": {"app": "emoji-svc"}}, "port": "grpc", "proxyProtocol": "gRPC"}},
         {"apiVersion": "policy.linkerd.io/v1alpha1", "kind": "AuthorizationPolicy",
          "metadata": {"namespace": "emojivoto", "name": "emoji-grpc"},
          "spec": {"targetRef": {"group": "policy.linkerd.io", "kind": "Server", "name": "emoji-grpc"},
                   "requiredAuthenticationRefs": [{"name": "emoji-grpc-clients", "kind": "MeshTLSAuthentication",
                                                   "group": "policy.linkerd.io"}]}},
         {"apiVersion": "policy.linkerd.io/v1alpha1", "kind": "MeshTLSAuthentication",
          "metadata": {"namespace": "emojivoto", "name": "emoji-grpc-clients"},
          "spec": {"identities": ["web.emojivoto.serviceaccount.identity.linkerd.cluster.local"]}}]
        """);

    private static readonly AccessPod Authors = Pod("booksapp", "authors", "app=authors,project=booksapp",
        "service=7001");

    private static readonly AccessPod Webapp = Pod("booksapp", "webapp", "app=webapp");

    private static readonly AccessPod Books = Pod("booksapp", "books", "app=books");

    private static readonly List<JsonObject> BooksApp = Resources("""
        [{"kind": "Server", "metadata": {"namespace": "booksapp", "name": "authors-server"},
          "spec": {"podSelector": {"matchLabels": {"app": "authors", "project": "booksapp"}}, "port": "service"}},
         {"kind": "HTTPRoute", "metadata": {"namespace": "booksapp", "name": "authors-get-route"},
          "spec": {"parentRefs": [{"name": "authors-server", "kind": "Server", "group": "policy.linkerd.io"}],
                   "rules": [{"matches": [{"path": {"value": "/authors.json"}, "method": "GET"},
                                          {"path": {"value": "/authors/", "type": "PathPrefix"}, "method": "GET"}]}]}},
         {"kind": "HTTPRoute", "metadata": {"namespace": "booksapp", "name": "authors-modify-route"},
          "spec": {"parentRefs": [{"name": "authors-server", "kind": "Server", "group": "policy.linkerd.io"}],
                   "rules": [{"matches": [{"path": {"value": "/authors/", "type": "PathPrefix"}, "method": "DELETE"},
                                          {"path": {"value": "/authors/", "type": "PathPrefix"}, "method": "PUT"},
                                          {"path": {"value": "/authors.json", "type": "Exact"},
                                           "method": "POST"}]}]}},
         {"kind": "AuthorizationPolicy", "metadata": {"namespace": "booksapp", "name": "authors-get-policy"},
          "spec": {"targetRef": {"group": "policy.linkerd.io", "kind": "HTTPRoute", "name": "authors-get-route"},
                   "requiredAuthenticationRefs": [{"name": "authors-get-authn", "kind": "MeshTLSAuthentication",
                                                   "group": "policy.linkerd.io"}]}},
         {"kind": "MeshTLSAuthentication", "metadata": {"namespace": "booksapp", "name": "authors-get-authn"},
          "spec": {"identityRefs": [{"kind": "ServiceAccount", "name": "books"},
                                    {"kind": "ServiceAccount", "name": "webapp"}]}},
         {"kind": "AuthorizationPolicy", "metadata": {"namespace": "booksapp", "name": "authors-modify-policy"},
          "spec": {"targetRef": {"group": "policy.linkerd.io", "kind": "HTTPRoute", "name": "authors-modify-route"},
                   "requiredAuthenticationRefs": [{"name": "authors-modify-authn", "kind": "MeshTLSAuthentication",
                                                   "group": "policy.linkerd.io"}]}},
         {"kind": "MeshTLSAuthentication", "metadata": {"namespace": "booksapp", "name": "authors-modify-authn"},
          "spec": {"identityRefs": [{"kind": "ServiceAccount", "name": "webapp"}]}}]
        """);

    [Fact]
    public void ServerOnNamedPort_AdmitsOnlyAuthenticatedClients()
    {
        var evaluator = new LinkerdAuthorizationEvaluator();

        Assert.True(evaluator.Evaluate(Emojivoto, Http(Web, Emoji, 8080, "POST", "/emojivoto.v1.EmojiService/x"))
            .Allowed);
        Assert.False(evaluator.Evaluate(Emojivoto, Http(VoteBot, Emoji, 8080, "POST", "/x")).Allowed);
        Assert.False(evaluator.Evaluate(Emojivoto, Tcp(VoteBot, Emoji, 8080)).Allowed);
    }

    [Fact]
    public void PortWithoutServer_GetsTheDefaultPolicy()
    {
        Assert.True(new LinkerdAuthorizationEvaluator().Evaluate(Emojivoto, Tcp(VoteBot, Emoji, 8801)).Allowed);
        Assert.False(new LinkerdAuthorizationEvaluator("deny").Evaluate(Emojivoto, Tcp(VoteBot, Emoji, 8801))
            .Allowed);
        Assert.False(new LinkerdAuthorizationEvaluator(
                namespaceDefaultPolicies: new Dictionary<string, string> { ["emojivoto"] = "deny" })
            .Evaluate(Emojivoto, Tcp(Web, Emoji, 8801)).Allowed);
    }

    [Theory]
    [InlineData("webapp", "GET", "/authors.json", true)]
    [InlineData("books", "GET", "/authors/1.json", true)]
    [InlineData("webapp", "DELETE", "/authors/1.json", true)]
    [InlineData("books", "DELETE", "/authors/1.json", false)]
    [InlineData("books", "POST", "/authors.json", false)]
    [InlineData("webapp", "GET", "/books.json", false)]
    [InlineData("webapp", "PATCH", "/authors/1.json", false)]
    public void PerRoutePolicy_TheMatchedRoutesPolicyDecides(string from, string method, string path, bool allowed)
    {
        var source = from == "webapp" ? Webapp : Books;

        var decision = new LinkerdAuthorizationEvaluator()
            .Evaluate(BooksApp, Http(source, Authors, 7001, method, path));

        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void BestRouteWins_EvenWhenALesserRouteWouldAuthorize()
    {
        var resources = Resources("""
            [{"kind": "Server", "metadata": {"namespace": "ns", "name": "s"},
              "spec": {"podSelector": {"matchLabels": {"app": "api"}}, "port": 80}},
             {"kind": "HTTPRoute", "metadata": {"namespace": "ns", "name": "all"},
              "spec": {"parentRefs": [{"name": "s", "kind": "Server", "group": "policy.linkerd.io"}],
                       "rules": [{"matches": [{"path": {"type": "PathPrefix", "value": "/api"}}]}]}},
             {"kind": "HTTPRoute", "metadata": {"namespace": "ns", "name": "admin"},
              "spec": {"parentRefs": [{"name": "s", "kind": "Server", "group": "policy.linkerd.io"}],
                       "rules": [{"matches": [{"path": {"type": "Exact", "value": "/api/admin"}}]}]}},
             {"kind": "AuthorizationPolicy", "metadata": {"namespace": "ns", "name": "all"},
              "spec": {"targetRef": {"kind": "HTTPRoute", "name": "all"},
                       "requiredAuthenticationRefs": [{"kind": "ServiceAccount", "name": "web"}]}}]
            """);
        var api = Pod("ns", "api", "app=api");
        var web = Pod("ns", "web");

        Assert.True(new LinkerdAuthorizationEvaluator().Evaluate(resources, Http(web, api, 80, "GET", "/api/x"))
            .Allowed);
        Assert.False(new LinkerdAuthorizationEvaluator().Evaluate(resources, Http(web, api, 80, "GET", "/api/admin"))
            .Allowed);
    }

    [Fact]
    public void ProxyRanksByMatchedLength_ARegexOverPrefixSlash()
    {
        var resources = Resources("""
            [{"kind": "Server", "metadata": {"namespace": "ns", "name": "s"},
              "spec": {"podSelector": {"matchLabels": {"app": "api"}}, "port": 80}},
             {"kind": "HTTPRoute", "metadata": {"namespace": "ns", "name": "all"},
              "spec": {"parentRefs": [{"name": "s", "kind": "Server", "group": "policy.linkerd.io"}],
                       "rules": [{}]}},
             {"kind": "HTTPRoute", "metadata": {"namespace": "ns", "name": "status"},
              "spec": {"parentRefs": [{"name": "s", "kind": "Server", "group": "policy.linkerd.io"}],
                       "rules": [{"matches": [{"path": {"type": "RegularExpression", "value": "/st.*"}}]}]}},
             {"kind": "AuthorizationPolicy", "metadata": {"namespace": "ns", "name": "status"},
              "spec": {"targetRef": {"kind": "HTTPRoute", "name": "status"},
                       "requiredAuthenticationRefs": [{"kind": "ServiceAccount", "name": "web"}]}}]
            """);
        var api = Pod("ns", "api", "app=api");
        var web = Pod("ns", "web");

        Assert.True(new LinkerdAuthorizationEvaluator().Evaluate(resources, Http(web, api, 80, "GET", "/status"))
            .Allowed);
        Assert.False(new LinkerdAuthorizationEvaluator().Evaluate(resources, Http(web, api, 80, "GET", "/"))
            .Allowed);
    }

    [Fact]
    public void OpaqueServer_IgnoresRoutes_AndUsesServerPolicies()
    {
        var resources = Resources("""
            [{"kind": "Server", "metadata": {"namespace": "ns", "name": "db"},
              "spec": {"podSelector": {"matchLabels": {"app": "db"}}, "port": 3306, "proxyProtocol": "opaque"}},
             {"kind": "HTTPRoute", "metadata": {"namespace": "ns", "name": "r"},
              "spec": {"parentRefs": [{"name": "db", "kind": "Server", "group": "policy.linkerd.io"}],
                       "rules": [{"matches": [{"path": {"type": "Exact", "value": "/only"}}]}]}},
             {"kind": "AuthorizationPolicy", "metadata": {"namespace": "ns", "name": "db"},
              "spec": {"targetRef": {"kind": "Server", "name": "db"},
                       "requiredAuthenticationRefs": [{"kind": "MeshTLSAuthentication", "name": "ns-clients"}]}},
             {"kind": "MeshTLSAuthentication", "metadata": {"namespace": "ns", "name": "ns-clients"},
              "spec": {"identityRefs": [{"kind": "Namespace", "name": "ns"}]}}]
            """);
        var db = Pod("ns", "db", "app=db");

        Assert.True(new LinkerdAuthorizationEvaluator().Evaluate(resources, Http(Pod("ns", "x"), db, 3306, "GET", "/"))
            .Allowed);
        Assert.False(new LinkerdAuthorizationEvaluator().Evaluate(resources, Tcp(Pod("other", "x"), db, 3306))
            .Allowed);
    }
}

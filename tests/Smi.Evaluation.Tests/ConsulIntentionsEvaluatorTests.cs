using System.Text.Json.Nodes;
using static Smi.Evaluation.Tests.AccessRequests;

namespace Smi.Evaluation.Tests;

/// <summary>
/// Intentions from https://developer.hashicorp.com/consul/docs/connect/config-entries/service-intentions (the L4
/// "db" example and the L7 "api" example with <c>admin-dashboard</c> and <c>report-generator</c>).
/// </summary>
public class ConsulIntentionsEvaluatorTests
{
    private static readonly List<JsonObject> L4 = Resources("""
        [{"kind": "ServiceIntentions", "metadata": {"name": "db", "namespace": "default"},
          "spec": {"destination": {"name": "db"},
                   "sources": [{"name": "web", "action": "allow"}, {"name": "api", "action": "deny"}]}}]
        """);

    private static readonly List<JsonObject> L7 = Resources("""
        [{"kind": "ServiceDefaults", "metadata": {"name": "api", "namespace": "default"},
          "spec": {"protocol": "http"}},
         {"kind": "ServiceIntentions", "metadata": {"name": "api", "namespace": "default"},
          "spec": {"destination": {"name": "api"},
                   "sources": [{"name": "admin-dashboard", "permissions": [{"action": "allow",
                                  "http": {"pathPrefix": "/v2",
                                           "methods": ["GET", "PUT", "POST", "DELETE", "HEAD"]}}]},
                               {"name": "report-generator", "permissions": [{"action": "allow",
                                  "http": {"pathPrefix": "/v2/widgets", "methods": ["GET"]}}]},
                               {"name": "*", "action": "deny"}]}}]
        """);

    private static readonly AccessPod Db = Pod("default", "db");

    private static readonly AccessPod Api = Pod("default", "api");

    [Fact]
    public void L4_ExactSourcesDecide_OthersGetTheDefault()
    {
        Assert.True(new ConsulIntentionsEvaluator().Evaluate(L4, Tcp(Pod("default", "web"), Db, 5432)).Allowed);
        Assert.False(new ConsulIntentionsEvaluator().Evaluate(L4, Tcp(Api, Db, 5432)).Allowed);
        Assert.True(new ConsulIntentionsEvaluator().Evaluate(L4, Tcp(Pod("default", "x"), Db, 5432)).Allowed);
        Assert.False(new ConsulIntentionsEvaluator(defaultAllow: false)
            .Evaluate(L4, Tcp(Pod("default", "x"), Db, 5432)).Allowed);
    }

    [Theory]
    [InlineData("admin-dashboard", "PUT", "/v2/widgets", true)]
    [InlineData("admin-dashboard", "PATCH", "/v2/widgets", false)]
    [InlineData("report-generator", "GET", "/v2/widgets/1", true)]
    [InlineData("report-generator", "GET", "/v2/other", false)]
    [InlineData("web", "GET", "/v2/widgets", false)]
    public void L7_FirstMatchingPermission_ElseTheAclDefault(string from, string method, string path, bool allowed)
    {
        var request = Http(Pod("default", from), Api, 8080, method, path);

        Assert.Equal(allowed, new ConsulIntentionsEvaluator(defaultAllow: false).Evaluate(L7, request).Allowed);
    }

    [Fact]
    public void TransparentProxy_DeliversOnlyToTheServicePort()
    {
        // The "db" example allows web whole connections; the pods registered with service port 5432.
        var evaluator = new ConsulIntentionsEvaluator { ServicePort = pod => pod.ServiceAccount == "db" ? 5432 : null };
        var web = Pod("default", "web");

        Assert.True(evaluator.Evaluate(L4, Tcp(web, Db, 5432)).Allowed);
        var other = evaluator.Evaluate(L4, Tcp(web, Db, 1234));
        Assert.False(other.Allowed);
        Assert.Contains("service port 5432", other.Reason, StringComparison.Ordinal);
        Assert.True(new ConsulIntentionsEvaluator().Evaluate(L4, Tcp(web, Db, 1234)).Allowed);
    }

    [Fact]
    public void HttpService_RefusesPlainTcp() =>
        Assert.False(new ConsulIntentionsEvaluator().Evaluate(L7, Tcp(Pod("default", "admin-dashboard"), Api, 8080))
            .Allowed);

    [Fact]
    public void L7_UnmatchedPermissionFallsToTheDefault_NotToTheWildcardSource() =>
        Assert.True(new ConsulIntentionsEvaluator(defaultAllow: true)
            .Evaluate(L7, Http(Pod("default", "report-generator"), Api, 8080, "POST", "/v2/widgets")).Allowed);

    [Fact]
    public void L7_OnATcpService_IsRefused_SoTheDefaultApplies()
    {
        var withoutDefaults = L7.Skip(1).ToList();

        Assert.True(new ConsulIntentionsEvaluator()
            .Evaluate(withoutDefaults, Http(Pod("default", "web"), Api, 8080, "GET", "/")).Allowed);
        Assert.False(new ConsulIntentionsEvaluator(defaultAllow: false)
            .Evaluate(withoutDefaults, Http(Pod("default", "admin-dashboard"), Api, 8080, "GET", "/v2")).Allowed);
    }

    [Fact]
    public void ExactDestination_OutranksTheWildcardDestination()
    {
        var resources = Resources("""
            [{"kind": "ServiceIntentions", "metadata": {"name": "deny-all", "namespace": "default"},
              "spec": {"destination": {"name": "*", "namespace": "*"},
                       "sources": [{"name": "*", "namespace": "*", "action": "deny"}]}},
             {"kind": "ServiceIntentions", "metadata": {"name": "db", "namespace": "shop"},
              "spec": {"destination": {"name": "db", "namespace": "shop"},
                       "sources": [{"name": "web", "namespace": "shop", "action": "allow"}]}}]
            """);

        Assert.True(new ConsulIntentionsEvaluator()
            .Evaluate(resources, Tcp(Pod("shop", "web"), Pod("shop", "db"), 5432)).Allowed);
        Assert.False(new ConsulIntentionsEvaluator()
            .Evaluate(resources, Tcp(Pod("other", "web"), Pod("shop", "db"), 5432)).Allowed);
        Assert.False(new ConsulIntentionsEvaluator()
            .Evaluate(resources, Tcp(Pod("shop", "web"), Pod("shop", "cache"), 6379)).Allowed);
    }

    [Fact]
    public void ServiceNames_ComeFromTheGivenMapping()
    {
        var evaluator = new ConsulIntentionsEvaluator(defaultAllow: false,
            serviceName: pod => pod.Labels.GetValueOrDefault("app") ?? pod.ServiceAccount);

        Assert.True(evaluator.Evaluate(L4, Tcp(Pod("default", "shop", "app=web"), Pod("default", "shop", "app=db"), 1))
            .Allowed);
    }
}

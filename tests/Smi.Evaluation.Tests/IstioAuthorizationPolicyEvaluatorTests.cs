using System.Text.Json.Nodes;
using static Smi.Evaluation.Tests.AccessRequests;

namespace Smi.Evaluation.Tests;

/// <summary>
/// Policies from https://istio.io/latest/docs/reference/config/security/authorization-policy/ (the examples of the
/// reference, the JWT condition left out) and the "Rule" and "Source"/"Operation" field rules.
/// </summary>
public class IstioAuthorizationPolicyEvaluatorTests
{
    private static readonly AccessPod Httpbin = Pod("foo", "httpbin", "app=httpbin,version=v1");

    private static readonly AccessPod Sleep = Pod("default", "sleep", "app=sleep");

    private static readonly AccessPod Tester = Pod("test", "any", "app=tester");

    private static readonly AccessPod Other = Pod("default", "other", "app=other");

    private static readonly IstioAuthorizationPolicyEvaluator Evaluator = new();

    /// <summary>The reference's first example: sources ORed, operations ORed, from AND to.</summary>
    private static readonly List<JsonObject> DocExample = Resources("""
        [{"apiVersion": "security.istio.io/v1", "kind": "AuthorizationPolicy",
          "metadata": {"name": "httpbin", "namespace": "foo"},
          "spec": {"action": "ALLOW", "rules": [{
            "from": [{"source": {"principals": ["cluster.local/ns/default/sa/sleep"]}},
                     {"source": {"namespaces": ["test"]}}],
            "to": [{"operation": {"methods": ["GET"], "paths": ["/info*"]}},
                   {"operation": {"methods": ["POST"], "paths": ["/data"]}}]}]}}]
        """);

    [Theory]
    [InlineData("sleep", "GET", "/info/a", true)]
    [InlineData("sleep", "POST", "/data", true)]
    [InlineData("tester", "GET", "/info", true)]
    [InlineData("sleep", "POST", "/info", false)]
    [InlineData("sleep", "GET", "/data", false)]
    [InlineData("sleep", "POST", "/data/x", false)]
    [InlineData("other", "GET", "/info", false)]
    public void DocExample_AllowsListedSourcesOnListedOperations(string from, string method, string path, bool allowed)
    {
        var source = from switch { "sleep" => Sleep, "tester" => Tester, _ => Other };

        var decision = Evaluator.Evaluate(DocExample, Http(source, Httpbin, 8000, method, path));

        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void NoAllowPolicyOnTheWorkload_Allows() =>
        Assert.True(Evaluator.Evaluate(DocExample, Http(Other, Pod("bar", "x"), 80, "GET", "/")).Allowed);

    [Fact]
    public void AllowNothing_DeniesEverything()
    {
        var policies = Resources("""
            [{"kind": "AuthorizationPolicy", "metadata": {"name": "allow-nothing", "namespace": "foo"}, "spec": {}}]
            """);

        Assert.False(Evaluator.Evaluate(policies, Http(Sleep, Httpbin, 8000, "GET", "/")).Allowed);
        Assert.False(Evaluator.Evaluate(policies, Tcp(Sleep, Httpbin, 8000)).Allowed);
    }

    [Fact]
    public void DenyIsEvaluatedBeforeAllow()
    {
        var policies = Resources("""
            [{"kind": "AuthorizationPolicy", "metadata": {"name": "allow-all", "namespace": "foo"},
              "spec": {"action": "ALLOW", "rules": [{}]}},
             {"kind": "AuthorizationPolicy", "metadata": {"name": "deny-other-ns", "namespace": "foo"},
              "spec": {"action": "DENY", "rules": [{"from": [{"source": {"notNamespaces": ["foo"]}}]}]}}]
            """);

        Assert.False(Evaluator.Evaluate(policies, Http(Sleep, Httpbin, 8000, "GET", "/")).Allowed);
        Assert.True(Evaluator.Evaluate(policies, Http(Pod("foo", "x"), Httpbin, 8000, "GET", "/")).Allowed);
    }

    [Fact]
    public void EmptyPortsList_IsAbsent_AndMatchesEveryPort()
    {
        var policies = Resources("""
            [{"kind": "AuthorizationPolicy", "metadata": {"name": "p", "namespace": "foo"},
              "spec": {"rules": [{"from": [{"source": {"principals": ["cluster.local/ns/default/sa/sleep"]}}],
                                  "to": [{"operation": {"ports": []}}]}]}}]
            """);

        Assert.True(Evaluator.Evaluate(policies, Tcp(Sleep, Httpbin, 1234)).Allowed);
    }

    [Fact]
    public void Ports_AreWorkloadPorts()
    {
        var policies = Resources("""
            [{"kind": "AuthorizationPolicy", "metadata": {"name": "p", "namespace": "foo"},
              "spec": {"rules": [{"to": [{"operation": {"ports": ["27017"]}}]}]}}]
            """);

        Assert.True(Evaluator.Evaluate(policies, Tcp(Sleep, Httpbin, 27017)).Allowed);
        Assert.False(Evaluator.Evaluate(policies, Tcp(Sleep, Httpbin, 27018)).Allowed);
    }

    [Fact]
    public void Selector_LimitsThePolicyToMatchingWorkloads_RootNamespaceReachesAll()
    {
        var policies = Resources("""
            [{"kind": "AuthorizationPolicy", "metadata": {"name": "p", "namespace": "foo"},
              "spec": {"selector": {"matchLabels": {"version": "v2"}}}},
             {"kind": "AuthorizationPolicy", "metadata": {"name": "root", "namespace": "istio-system"},
              "spec": {"action": "DENY", "selector": {"matchLabels": {"app": "db"}}, "rules": [{}]}}]
            """);

        Assert.True(Evaluator.Evaluate(policies, Tcp(Sleep, Httpbin, 80)).Allowed);
        Assert.False(Evaluator.Evaluate(policies, Tcp(Sleep, Pod("foo", "h", "version=v2"), 80)).Allowed);
        Assert.False(Evaluator.Evaluate(policies, Tcp(Sleep, Pod("bar", "db", "app=db"), 80)).Allowed);
    }

    [Fact]
    public void HttpOnlyFieldsOnTcp_AllowRuleNeverMatches_DenyRuleIgnoresThem()
    {
        var allow = Resources("""
            [{"kind": "AuthorizationPolicy", "metadata": {"name": "p", "namespace": "foo"},
              "spec": {"rules": [{"to": [{"operation": {"methods": ["GET"], "ports": ["80"]}}]}]}}]
            """);
        var deny = Resources("""
            [{"kind": "AuthorizationPolicy", "metadata": {"name": "p", "namespace": "foo"},
              "spec": {"action": "DENY", "rules": [{"to": [{"operation": {"methods": ["GET"], "ports": ["80"]}}]}]}}]
            """);

        Assert.True(Evaluator.Evaluate(allow, Http(Sleep, Httpbin, 80, "GET", "/")).Allowed);
        Assert.False(Evaluator.Evaluate(allow, Tcp(Sleep, Httpbin, 80)).Allowed);
        Assert.False(Evaluator.Evaluate(deny, Tcp(Sleep, Httpbin, 80)).Allowed);
        Assert.True(Evaluator.Evaluate(deny, Http(Sleep, Httpbin, 80, "POST", "/")).Allowed);
    }

    [Fact]
    public void HeaderCondition_MissingHeaderDoesNotMatch()
    {
        var policies = Resources("""
            [{"kind": "AuthorizationPolicy", "metadata": {"name": "p", "namespace": "foo"},
              "spec": {"rules": [{"when": [{"key": "request.headers[X-Canary]", "values": ["on", "yes*"]}]}]}}]
            """);

        Assert.True(Evaluator.Evaluate(policies, Http(Sleep, Httpbin, 80, "GET", "/", "x-canary: yesss")).Allowed);
        Assert.False(Evaluator.Evaluate(policies, Http(Sleep, Httpbin, 80, "GET", "/", "x-canary: no")).Allowed);
        Assert.False(Evaluator.Evaluate(policies, Http(Sleep, Httpbin, 80, "GET", "/")).Allowed);
    }

    [Theory]
    [InlineData("*", "a", true)]
    [InlineData("*", "", false)]
    [InlineData("/api*", "/api/x", true)]
    [InlineData("/api*", "/ap", false)]
    [InlineData("*.json", "/a.json", true)]
    [InlineData("/a", "/a/", false)]
    public void StringMatch_ExactPrefixSuffixPresence(string pattern, string value, bool matches) =>
        Assert.Equal(matches, IstioAuthorizationPolicyEvaluator.StringMatches(pattern, value));
}

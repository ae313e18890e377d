using System.Text;
using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Webhooks.Manifests;

namespace Smi.Webhooks.Tests;

public sealed class WebhookManifestsTests
{
    private static readonly WebhookOptions Options = new() { Namespace = "smi-system", ServiceName = "smi-webhooks", Port = 443, CaBundlePem = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n" };

    [Fact]
    public void Crds_Serve_Every_Version_Through_The_Conversion_Webhook()
    {
        var crds = WebhookManifests.Crds(Options);
        Assert.Equal(6, crds.Count);
        foreach (var crd in crds)
        {
            Assert.All(crd["spec"]!["versions"]!.AsArray(), v => Assert.True(v!["served"]!.GetValue<bool>()));
            Assert.Single(crd["spec"]!["versions"]!.AsArray(), v => v!["storage"]!.GetValue<bool>());
            var conversion = crd["spec"]!["conversion"]!;
            Assert.Equal("Webhook", conversion["strategy"]!.GetValue<string>());
            Assert.Equal(["v1"], conversion["webhook"]!["conversionReviewVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
            var service = conversion["webhook"]!["clientConfig"]!["service"]!;
            Assert.Equal("smi-system", service["namespace"]!.GetValue<string>());
            Assert.Equal("smi-webhooks", service["name"]!.GetValue<string>());
            Assert.Equal("/convert", service["path"]!.GetValue<string>());
            Assert.Equal(443, service["port"]!.GetValue<int>());
            Assert.Equal(Options.CaBundlePem, Encoding.UTF8.GetString(Convert.FromBase64String(conversion["webhook"]!["clientConfig"]!["caBundle"]!.GetValue<string>())));
        }

        var split = crds.Single(c => c["metadata"]!["name"]!.GetValue<string>() == "trafficsplits.split.smi-spec.io");
        Assert.Equal(["v1alpha1", "v1alpha2", "v1alpha3", "v1alpha4"], split["spec"]!["versions"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Default_Generator_Output_Is_Unchanged()
    {
        var split = SmiCrdGenerator.Generate().Single(c => c["metadata"]!["name"]!.GetValue<string>() == "trafficsplits.split.smi-spec.io");
        Assert.Contains(split["spec"]!["versions"]!.AsArray(), v => !v!["served"]!.GetValue<bool>());
        Assert.Null(split["spec"]!["conversion"]);
    }

    [Fact]
    public void Validating_Webhook_Is_Scoped_To_The_Smi_Groups_And_Cannot_Block_Other_Writes()
    {
        var configuration = WebhookManifests.ValidatingWebhookConfiguration(new WebhookOptions());
        var webhook = configuration["webhooks"]!.AsArray().Single()!;
        Assert.Equal("Ignore", webhook["failurePolicy"]!.GetValue<string>());
        Assert.Equal(5, webhook["timeoutSeconds"]!.GetValue<int>());
        Assert.Equal("None", webhook["sideEffects"]!.GetValue<string>());
        Assert.Equal(["v1"], webhook["admissionReviewVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
        var rule = webhook["rules"]!.AsArray().Single()!;
        Assert.Equal(["access.smi-spec.io", "specs.smi-spec.io", "split.smi-spec.io"], rule["apiGroups"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["CREATE", "UPDATE"], rule["operations"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("/validate", webhook["clientConfig"]!["service"]!["path"]!.GetValue<string>());
        Assert.Null(webhook["clientConfig"]!["caBundle"]);
    }

    [Theory]
    [InlineData("Never", 5)]
    [InlineData("Fail", 0)]
    [InlineData("Fail", 31)]
    public void Bad_Policy_Or_Timeout_Is_Refused(string policy, int timeout) =>
        Assert.Throws<ArgumentException>(() => WebhookManifests.ValidatingWebhookConfiguration(new WebhookOptions { FailurePolicy = policy, TimeoutSeconds = timeout }));

    [Fact]
    public void Cert_Manager_Injection_Annotates_Crds_And_Webhook_Configuration()
    {
        var options = new WebhookOptions { CertManagerCertificate = "smi-system/smi-webhooks" };
        Assert.All(WebhookManifests.Crds(options), crd => Assert.Equal("smi-system/smi-webhooks", crd["metadata"]!["annotations"]![WebhookManifests.CertManagerInjectAnnotation]!.GetValue<string>()));
        Assert.Equal("smi-system/smi-webhooks", WebhookManifests.ValidatingWebhookConfiguration(options)["metadata"]!["annotations"]![WebhookManifests.CertManagerInjectAnnotation]!.GetValue<string>());
    }

    [Fact]
    public void Rbac_Grants_Get_And_Patch_On_Exactly_The_Objects_Written()
    {
        var rules = WebhookRbac.Rules(new WebhookOptions());
        Assert.Equal(3, rules.Count);
        Assert.All(rules, r => Assert.Equal(["get", "patch"], r["verbs"]!.AsArray().Select(v => v!.GetValue<string>())));
        Assert.Equal(WebhookManifests.CrdNames(), rules[0]["resourceNames"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["smi-adapter-validation"], rules[1]["resourceNames"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(
            ["v1alpha1.metrics.smi-spec.io", "v1alpha2.metrics.smi-spec.io"],
            rules[2]["resourceNames"]!.AsArray().Select(v => v!.GetValue<string>()));

        // A host that serves no APIService gets no rights on them.
        Assert.Equal(2, WebhookRbac.Rules(new WebhookOptions { ApiServiceNames = [] }).Count);

        // A host that does not own the CRDs' conversion gets no rights on them.
        var notOwner = WebhookRbac.Rules(new WebhookOptions { OwnsCrdConversion = false });
        Assert.Equal(2, notOwner.Count);
        Assert.DoesNotContain(
            notOwner, r => r["resources"]![0]!.GetValue<string>() == "customresourcedefinitions");
        Assert.Equal("ClusterRole", WebhookRbac.ClusterRole(new WebhookOptions())["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Service_Fronts_The_Host_Port()
    {
        var service = WebhookManifests.Service(new WebhookOptions(), new Dictionary<string, string> { ["app"] = "smi" }, 9443);
        Assert.Equal(9443, service["spec"]!["ports"]![0]!["targetPort"]!.GetValue<int>());
        Assert.Equal("smi", service["spec"]!["selector"]!["app"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(service, WebhookManifests.Service(new WebhookOptions(), new Dictionary<string, string> { ["app"] = "smi" }, 9443)));
    }
}

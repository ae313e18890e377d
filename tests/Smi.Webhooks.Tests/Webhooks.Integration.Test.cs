using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Smi.Testing.ApiServer;
using Smi.Webhooks.Conversion;
using Smi.Webhooks.Manifests;
using Smi.Webhooks.Tls;

namespace Smi.Webhooks.Tests;

/// <summary>
/// The install manifests applied to the loopback API server, the webhooks served over HTTPS by Kestrel with a generated
/// certificate, and the CA bundle written by the bootstrap: objects go through the same conversion and admission path as
/// on a real cluster. RBAC is enforced: the bundle is written as the Istio install's ServiceAccount with exactly the
/// shipped RBAC, and the tests' own requests are made as the cluster admin.
/// </summary>
public sealed class WebhooksIntegrationTests : IAsyncLifetime
{
    private static readonly InstalledRbac Installed = InstalledRbac.For("istio");

    /// <summary>The install's webhook Service and configuration names, which its RBAC names.</summary>
    private static readonly WebhookOptions Options = new()
    {
        Namespace = InstalledRbac.Namespace,
        ServiceName = Installed.WebhookServiceName,
        ValidatingWebhookConfigurationName = Installed.ValidatingWebhookConfigurationName,
        FailurePolicy = "Fail",
    };
    private WebhookHost _host = null!;
    private LoopbackApiServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await WebhookHost.StartAsync(WebhookCertificates.CreateSelfSigned([Options.ServiceDnsName]));
        var serverOptions = new LoopbackApiServerOptions { Namespaces = ["default", "kube-system", "smi-system"] };
        serverOptions.WebhookServices[$"{Options.Namespace}/{Options.ServiceName}"] = _host.Url;
        _server = await LoopbackApiServer.StartAsync(serverOptions);
        _server.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "shop" } });

        // `smi install` output without a CA bundle, then the host's TLS bootstrap writes it.
        foreach (var crd in WebhookManifests.Crds(Options))
        {
            _server.Seed(crd);
        }

        _server.Seed(WebhookManifests.ValidatingWebhookConfiguration(Options));
        using var client = _server.CreateClient(Installed.InstallInto(_server));
        var written = await new CaBundleWriter(client, Options).WriteAsync(_host.Certificate.CaBundlePem);
        Assert.Equal(7, written.Count);
        _http = _server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Split_Written_As_V1Alpha1_Reads_Back_As_V1Alpha4_With_The_Same_Proportions()
    {
        var created = await SendAsync(HttpMethod.Post, "/apis/split.smi-spec.io/v1alpha1/namespaces/shop/trafficsplits", """
            {"apiVersion":"split.smi-spec.io/v1alpha1","kind":"TrafficSplit","metadata":{"name":"web"},
             "spec":{"service":"web","backends":[{"service":"web-v1","weight":"1"},{"service":"web-v2","weight":"500m"}]}}
            """);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("500m", created.Body["spec"]!["backends"]![1]!["weight"]!.GetValue<string>());

        var stored = _server.Find("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "web")!;
        Assert.Equal("split.smi-spec.io/v1alpha4", stored["apiVersion"]!.GetValue<string>());

        var v4 = await SendAsync(HttpMethod.Get, "/apis/split.smi-spec.io/v1alpha4/namespaces/shop/trafficsplits/web");
        Assert.Equal(HttpStatusCode.OK, v4.Status);
        var weights = v4.Body["spec"]!["backends"]!.AsArray().Select(b => b!["weight"]!.GetValue<decimal>()).ToList();
        Assert.Equal(2m, weights[0] / weights[1]);

        foreach (var version in new[] { "v1alpha2", "v1alpha3" })
        {
            var other = await SendAsync(HttpMethod.Get, $"/apis/split.smi-spec.io/{version}/namespaces/shop/trafficsplits/web");
            Assert.Equal(HttpStatusCode.OK, other.Status);
            var w = other.Body["spec"]!["backends"]!.AsArray().Select(b => b!["weight"]!.GetValue<decimal>()).ToList();
            Assert.Equal(2m, w[0] / w[1]);
        }

        var v1 = await SendAsync(HttpMethod.Get, "/apis/split.smi-spec.io/v1alpha1/namespaces/shop/trafficsplits/web");
        Assert.Equal(["1", "500m"], v1.Body["spec"]!["backends"]!.AsArray().Select(b => b!["weight"]!.GetValue<string>()));
        Assert.Null(v1.Body["metadata"]!["annotations"]);
    }

    [Fact]
    public async Task Every_Version_Can_Be_Written_And_Read_In_Every_Other_Version()
    {
        var generator = new SmiObjectGenerator(3);
        var index = 0;
        foreach (var (apiVersion, kind) in SmiObjectGenerator.KindVersions)
        {
            var obj = ValidObject(generator, apiVersion, kind, "obj-" + index++);
            var plural = Plural(kind);
            var created = await SendAsync(HttpMethod.Post, $"/apis/{apiVersion}/namespaces/shop/{plural}", obj.ToJsonString());
            Assert.True(created.Status == HttpStatusCode.Created, $"{apiVersion} {kind}: {created.Body.ToJsonString()}");
            foreach (var (other, _) in SmiObjectGenerator.KindVersions.Where(k => k.Kind == kind))
            {
                var read = await SendAsync(HttpMethod.Get, $"/apis/{other}/namespaces/shop/{plural}/{obj["metadata"]!["name"]}");
                Assert.True(read.Status == HttpStatusCode.OK, $"{apiVersion} -> {other}: {read.Body.ToJsonString()}");
                Assert.Equal(other, read.Body["apiVersion"]!.GetValue<string>());
            }

            var back = await SendAsync(HttpMethod.Get, $"/apis/{apiVersion}/namespaces/shop/{plural}/{obj["metadata"]!["name"]}");
            Assert.True(JsonNode.DeepEquals(obj["spec"], back.Body["spec"]), $"{apiVersion} {kind}: {obj.ToJsonString()} vs {back.Body.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Update_Through_An_Older_Version_Keeps_What_It_Cannot_Hold()
    {
        await SendAsync(HttpMethod.Post, "/apis/split.smi-spec.io/v1alpha4/namespaces/shop/trafficsplits", """
            {"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"ab"},
             "spec":{"service":"web","matches":[{"kind":"HTTPRouteGroup","name":"android"}],"backends":[{"service":"web-v1","weight":50},{"service":"web-v2","weight":50}]}}
            """);
        var v2 = await SendAsync(HttpMethod.Get, "/apis/split.smi-spec.io/v1alpha2/namespaces/shop/trafficsplits/ab");
        Assert.Null(v2.Body["spec"]!["matches"]);

        // A label change through v1alpha2 does not touch the content, so the matches survive in storage.
        var patched = await SendAsync(HttpMethod.Patch, "/apis/split.smi-spec.io/v1alpha2/namespaces/shop/trafficsplits/ab", """{"metadata":{"labels":{"rollout":"1"}}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        var v4 = await SendAsync(HttpMethod.Get, "/apis/split.smi-spec.io/v1alpha4/namespaces/shop/trafficsplits/ab");
        Assert.Equal("android", v4.Body["spec"]!["matches"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("1", v4.Body["metadata"]!["labels"]!["rollout"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_Objects_Are_Refused_With_A_Clear_Message()
    {
        var refused = await SendAsync(HttpMethod.Post, "/apis/split.smi-spec.io/v1alpha2/namespaces/shop/trafficsplits", """
            {"apiVersion":"split.smi-spec.io/v1alpha2","kind":"TrafficSplit","metadata":{"name":"bad"},
             "spec":{"service":"web","backends":[{"service":"web-v1","weight":0},{"service":"web-v2","weight":0}]}}
            """);

        // The CRD schema accepts zero weights (it refuses negative ones itself, with 422, before any webhook runs);
        // SMI needs a positive total, which only the admission webhook checks.
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var message = refused.Body["message"]!.GetValue<string>();
        Assert.StartsWith("admission webhook \"validate.smi-adapter.io\" denied the request: ", message, StringComparison.Ordinal);
        Assert.Contains("spec.backends", message, StringComparison.Ordinal);
        Assert.Contains("every backend has weight 0", message, StringComparison.Ordinal);
        Assert.Null(_server.Find("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "bad"));
    }

    [Fact]
    public async Task Warnings_Come_Back_As_Warning_Headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/apis/split.smi-spec.io/v1alpha4/namespaces/shop/trafficsplits")
        {
            Content = new StringContent("""
                {"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"warn"},
                 "spec":{"service":"web","matches":[{"kind":"HTTPRouteGroup","name":"missing"}],"backends":[{"service":"a","weight":1}]}}
                """, Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var warning = Assert.Single(response.Headers.GetValues("Warning"));
        Assert.StartsWith("299 - \"", warning, StringComparison.Ordinal);
        Assert.Contains("RouteGroupNotFound", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Written_CaBundle_Verifies_The_Served_Certificate()
    {
        using var client = _server.CreateClient();
        foreach (var name in WebhookManifests.CrdNames())
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
            var bundle = Encoding.UTF8.GetString(crd.Spec.Conversion.Webhook.ClientConfig.CaBundle);
            Assert.True(WebhookCertificates.Verifies(bundle, _host.Certificate.Certificate, Options.ServiceDnsName));
        }

        var configuration = await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(Options.ValidatingWebhookConfigurationName);
        var webhookBundle = Encoding.UTF8.GetString(configuration.Webhooks.Single().ClientConfig.CaBundle);
        Assert.Equal(_host.Certificate.CaBundlePem, webhookBundle);

        // The certificate the host actually serves, as seen on the wire, is verified by that bundle.
        X509CertificateHolder served = new();
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            served.Value = certificate is null ? null : System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return true;
        };
        using var probe = new HttpClient(handler);
        using var answer = await probe.PostAsync(new Uri(_host.Url, "/convert"), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.NotNull(served.Value);
        Assert.True(WebhookCertificates.Verifies(webhookBundle, served.Value!, Options.ServiceDnsName));
        Assert.False(WebhookCertificates.Verifies(webhookBundle, served.Value!, "other.smi-system.svc"));
        Assert.False(WebhookCertificates.Verifies(WebhookCertificates.CreateSelfSigned([Options.ServiceDnsName]).CaBundlePem, served.Value!, Options.ServiceDnsName));
    }

    [Fact]
    public async Task Lost_Fields_Annotation_Is_Visible_In_The_Storage_Version_Only_While_Something_Is_Lost()
    {
        await SendAsync(HttpMethod.Post, "/apis/access.smi-spec.io/v1alpha2/namespaces/shop/traffictargets", """
            {"apiVersion":"access.smi-spec.io/v1alpha2","kind":"TrafficTarget","metadata":{"name":"tt"},
             "spec":{"destination":{"kind":"ServiceAccount","name":"api","port":8080},"rules":[{"kind":"TCPRoute","name":"tcp"}],"sources":[{"kind":"ServiceAccount","name":"web"}]}}
            """);
        var stored = _server.Find("access.smi-spec.io/v1alpha3", "traffictargets", "shop", "tt")!;
        Assert.NotNull(stored["metadata"]!["annotations"]![SmiConversionWebhook.LostFieldsAnnotation]);
        var v2 = await SendAsync(HttpMethod.Get, "/apis/access.smi-spec.io/v1alpha2/namespaces/shop/traffictargets/tt");
        Assert.Equal(8080, v2.Body["spec"]!["destination"]!["port"]!.GetValue<int>());
    }

    [Fact]
    public async Task Writers_Without_Rbac_Get_403_And_Unknown_Tokens_401_Before_Any_Webhook_Is_Called()
    {
        const string path = "/apis/split.smi-spec.io/v1alpha4/namespaces/shop/trafficsplits";
        const string split = """
            {"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"denied"},
             "spec":{"service":"web","backends":[{"service":"web-v1","weight":1}]}}
            """;

        // The controller's own ServiceAccount reads SMI objects and writes their status, never the objects.
        using var controller = _server.CreateHttpClient(_server.IssueToken(
            TokenUser.ServiceAccount(InstalledRbac.Namespace, Installed.Name)));
        var refused = await SendAsync(controller, HttpMethod.Post, path, split);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains(
            "User \"system:serviceaccount:smi-system:smi-adapter-istio\" cannot create resource \"trafficsplits\" "
            + "in API group \"split.smi-spec.io\" in the namespace \"shop\"",
            refused.Body["message"]!.GetValue<string>(),
            StringComparison.Ordinal);

        using var stranger = _server.CreateHttpClient("nobody-holds-this");
        var unknown = await SendAsync(stranger, HttpMethod.Post, path, split);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal("Unauthorized", unknown.Body["reason"]!.GetValue<string>());

        // Refused by the API server itself (a webhook's denial would be 400 "admission webhook ... denied"): nothing
        // was stored.
        Assert.Null(_server.Find("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "denied"));
    }

    private static JsonObject ValidObject(SmiObjectGenerator generator, string apiVersion, string kind, string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            var obj = generator.Next(apiVersion, kind);
            obj.Remove("status");
            var metadata = new JsonObject { ["name"] = name, ["namespace"] = "shop" };
            obj["metadata"] = metadata;
            if (new Admission.SmiAdmissionWebhook().Validate(obj, "shop").Allowed || attempt > 50)
            {
                return obj;
            }
        }
    }

    private static string Plural(string kind) => kind.ToLowerInvariant() + "s";

    private Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(
        HttpMethod method, string path, string? body = null, string contentType = "application/json") =>
        SendAsync(_http, method, path, body, contentType);

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(
        HttpClient http, HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }

    private sealed class X509CertificateHolder
    {
        public System.Security.Cryptography.X509Certificates.X509Certificate2? Value { get; set; }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Smi.Controller.Cache;
using Smi.Controller.Hosting;
using Smi.Controller.Reconcile;
using Smi.Metrics;
using Smi.Metrics.Inventory;
using Smi.Testing.ApiServer;
using Smi.Webhooks.Manifests;
using Smi.Webhooks.Tls;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

/// <summary>
/// The HTTPS server of the controller host against the loopback API server with the SMI CRDs (every version served,
/// conversion through the webhook): the webhooks and the TrafficMetrics API over HTTPS with a generated certificate,
/// and the CA bundle it writes at start.
/// </summary>
[Collection(IntegrationTestCollection.Name)]
public sealed partial class SecureServerIntegrationTest(ITestOutputHelper output)
{
    /// <summary>The Istio install's controller RBAC (its ServiceAccount authenticates the host's requests).</summary>
    private static readonly InstalledRbac Installed = InstalledRbac.For("istio");

    /// <summary>The install's webhook Service and configuration names, which its RBAC names.</summary>
    private static readonly WebhookOptions Webhooks = new()
    {
        Namespace = InstalledRbac.Namespace,
        ServiceName = Installed.WebhookServiceName,
        ValidatingWebhookConfigurationName = Installed.ValidatingWebhookConfigurationName,
        FailurePolicy = "Fail",
    };

    /// <summary>The user a ClusterRole of the test's own (as a cluster admin grants) lets read every metric.</summary>
    private const string MetricsReader = "metrics-reader";

    [Fact]
    public async Task Convert_Over_Https_Keeps_The_Split_Proportions()
    {
        await using var setup = await Setup.StartAsync(output);
        var response = await setup.PostAsync("/convert", """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview","request":{"uid":"c-1","desiredAPIVersion":"split.smi-spec.io/v1alpha4","objects":[
              {"apiVersion":"split.smi-spec.io/v1alpha1","kind":"TrafficSplit","metadata":{"name":"web","namespace":"shop"},
               "spec":{"service":"web","backends":[{"service":"web-v1","weight":"1"},{"service":"web-v2","weight":"500m"}]}}]}}
            """);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("c-1", response.Body["response"]!["uid"]!.GetValue<string>());
        Assert.Equal("Success", response.Body["response"]!["result"]!["status"]!.GetValue<string>());
        var converted = response.Body["response"]!["convertedObjects"]![0]!;
        Assert.Equal("split.smi-spec.io/v1alpha4", converted["apiVersion"]!.GetValue<string>());
        var weights = converted["spec"]!["backends"]!.AsArray().Select(b => b!["weight"]!.GetValue<decimal>()).ToList();
        Assert.Equal(2m, weights[0] / weights[1]);
    }

    [Fact]
    public async Task Validate_Over_Https_Refuses_An_Invalid_Split_Naming_The_Field()
    {
        await using var setup = await Setup.StartAsync(output);
        var response = await setup.PostAsync("/validate", """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a-1",
             "kind":{"group":"split.smi-spec.io","version":"v1alpha4","kind":"TrafficSplit"},
             "resource":{"group":"split.smi-spec.io","version":"v1alpha4","resource":"trafficsplits"},
             "name":"web","namespace":"shop","operation":"CREATE",
             "object":{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web","namespace":"shop"},
                       "spec":{"service":"web","backends":[{"service":"web-v1","weight":-1}]}}}}
            """);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var answer = response.Body["response"]!;
        Assert.Equal("a-1", answer["uid"]!.GetValue<string>());
        Assert.False(answer["allowed"]!.GetValue<bool>());
        Assert.Contains("spec.backends[0].weight", answer["status"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_Api_Serves_Discovery_And_Says_Why_It_Is_Off_Without_Prometheus()
    {
        await using var setup = await Setup.StartAsync(output);
        var discovery = await setup.GetAsync("/apis/metrics.smi-spec.io/v1alpha2");
        Assert.Equal(HttpStatusCode.OK, discovery.Status);
        Assert.Equal("APIResourceList", discovery.Body["kind"]!.GetValue<string>());
        Assert.Equal("metrics.smi-spec.io/v1alpha2", discovery.Body["groupVersion"]!.GetValue<string>());
        var names = discovery.Body["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("trafficsplits", names);
        Assert.Contains("deployments/edges", names);

        var list = await setup.GetAsync("/apis/metrics.smi-spec.io/v1alpha2/namespaces/shop/deployments");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.Status);
        Assert.Equal("Status", list.Body["kind"]!.GetValue<string>());
        Assert.Contains("Controller:Metrics:PrometheusUrl", list.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_Api_With_Prometheus_Down_Answers_503_With_The_Reason()
    {
        await using var setup = await Setup.StartAsync(output, o =>
        {
            o.Metrics.PrometheusUrl = "http://127.0.0.1:1/";
            o.Metrics.Timeout = TimeSpan.FromSeconds(1);
        });
        Assert.Equal(string.Empty, setup.Secure.MetricsOffReason);
        var list = await setup.GetAsync("/apis/metrics.smi-spec.io/v1alpha2/namespaces/shop/deployments");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.Status);
        Assert.Contains("metrics backend unavailable", list.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_Ca_Bundle_Is_Written_Into_The_Crds_And_Verifies_The_Served_Certificate()
    {
        await using var setup = await Setup.StartAsync(output);
        Assert.True(setup.Secure.Certificate!.SelfSigned);
        var expectedWrites = WebhookManifests.CrdNames().Count + 1 + Webhooks.ApiServiceNames.Count;
        Assert.Equal(expectedWrites, setup.Secure.CaBundleWrittenTo.Count);
        Assert.Contains(Webhooks.ValidatingWebhookConfigurationName, setup.Secure.CaBundleWrittenTo);

        // Any request makes the client see the served certificate.
        await setup.GetAsync("/apis/metrics.smi-spec.io/v1alpha1");
        var served = setup.ServedCertificate!;
        foreach (var name in WebhookManifests.CrdNames())
        {
            var crd = await setup.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
            var bundle = crd.Spec.Conversion.Webhook.ClientConfig.CaBundle;
            Assert.NotNull(bundle);
            Assert.True(WebhookCertificates.Verifies(Encoding.ASCII.GetString(bundle), served, Webhooks.ServiceDnsName), $"the caBundle of {name} does not verify the served certificate");
        }

        var configuration = await setup.Client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(Webhooks.ValidatingWebhookConfigurationName);
        Assert.All(configuration.Webhooks, w => Assert.True(WebhookCertificates.Verifies(Encoding.ASCII.GetString(w.ClientConfig.CaBundle), served, Webhooks.ServiceDnsName)));

        // The API server calls the host with that bundle: a v1alpha1 split is converted and stored, then read as v1alpha4.
        setup.ServerOptions.WebhookServices[$"{Webhooks.Namespace}/{Webhooks.ServiceName}"] = new Uri(setup.Secure.Url);
        var created = await setup.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            JsonNode.Parse("""{"apiVersion":"split.smi-spec.io/v1alpha1","kind":"TrafficSplit","metadata":{"name":"shop-split"},"spec":{"service":"web","backends":[{"service":"web-v1","weight":"1"},{"service":"web-v2","weight":"500m"}]}}""")!,
            "split.smi-spec.io", "v1alpha1", "shop", "trafficsplits");
        Assert.NotNull(created);
        var stored = setup.Server.Find("split.smi-spec.io/v1alpha4", "trafficsplits", "shop", "shop-split");
        Assert.NotNull(stored);
    }

    [Fact]
    public async Task Mounted_Certificate_Is_Served_And_No_Bundle_Is_Written()
    {
        var folder = Directory.CreateTempSubdirectory("smi-tls-");
        try
        {
            var generated = WebhookCertificates.CreateSelfSigned([Webhooks.ServiceDnsName]);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "tls.crt"), generated.Certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "tls.key"), generated.Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "ca.crt"), generated.CaBundlePem);
            await using var setup = await Setup.StartAsync(output, o => o.Tls.CertificateDirectory = folder.FullName, trustedBundle: generated.CaBundlePem);
            Assert.False(setup.Secure.Certificate!.SelfSigned);
            Assert.Empty(setup.Secure.CaBundleWrittenTo);
            var discovery = await setup.GetAsync("/apis/metrics.smi-spec.io/v1alpha1");
            Assert.Equal(HttpStatusCode.OK, discovery.Status);
            Assert.Equal(generated.Certificate.Thumbprint, setup.ServedCertificate!.Thumbprint);
            var crd = await setup.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(WebhookManifests.CrdNames()[0]);
            Assert.Null(crd.Spec.Conversion.Webhook.ClientConfig.CaBundle);
            generated.Certificate.Dispose();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Directory_Lists_Cached_Workloads_Splits_And_Namespaces_And_Pods_Through_The_Api()
    {
        await using var setup = await Setup.StartAsync(output);
        var directory = setup.Directory;
        await Eventually.HoldsAsync(async () => (await directory.ListAsync(MetricsResourceKinds.TrafficSplits, "shop", CancellationToken.None)).Count == 1, "the split is cached");

        var deployments = await directory.ListAsync(MetricsResourceKinds.Deployments, "shop", CancellationToken.None);
        var api = Assert.Single(deployments);
        Assert.Equal(("api", "shop", "api"), (api.Name, api.Namespace, api.Labels["app"]));
        Assert.Empty(await directory.ListAsync(MetricsResourceKinds.Deployments, "default", CancellationToken.None));

        var split = Assert.Single(await directory.ListAsync(MetricsResourceKinds.TrafficSplits, null, CancellationToken.None));
        Assert.Equal("web", split.Split!.Apex);
        Assert.Equal([("web-v1", 2L), ("web-v2", 1L)], split.Split.Backends.Select(b => (b.Service, b.Weight)));

        var namespaces = await directory.ListAsync(MetricsResourceKinds.Namespaces, null, CancellationToken.None);
        Assert.Contains(namespaces, n => n.Name == "shop" && n.Namespace is null);

        Assert.False(setup.Core.Cache.WatchesPods);
        var pod = Assert.Single(await directory.ListAsync(MetricsResourceKinds.Pods, "shop", CancellationToken.None));
        Assert.Equal(("api-1", "api"), (pod.Name, pod.Labels["app"]));
    }

    [Fact]
    public async Task Host_Registers_The_Secure_Server_And_The_Informer_Directory()
    {
        var (server, _) = await Setup.StartServerAsync();
        await using var apiServer = server;
        var port = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controller:Mesh"] = "istio",
            ["Controller:HealthPort"] = "0",
            ["Controller:SecureAddress"] = "127.0.0.1",
            ["Controller:Tls:CertificateDirectory"] = string.Empty,
            ["Controller:Webhooks:Namespace"] = Webhooks.Namespace,
            ["Controller:Webhooks:ServiceName"] = Webhooks.ServiceName,
            ["Controller:RequestTimeout"] = "00:00:02",
        });
        builder.Configuration.AddCommandLine(["--secure-port", port.ToString(CultureInfo.InvariantCulture)], CommandLine.SwitchMappings);
        var token = Installed.InstallInto(server);
        builder.Services.AddSingleton<IKubernetes>(_ => server.CreateClient(token, TimeSpan.FromSeconds(5)));
        builder.Services.AddSmiController(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            Assert.IsType<InformerResourceDirectory>(host.Services.GetRequiredService<IResourceDirectory>());
            var secure = host.Services.GetRequiredService<SecureServer>();
            Assert.EndsWith(":" + port.ToString(CultureInfo.InvariantCulture), secure.Url, StringComparison.Ordinal);
            using var client = server.CreateClient();
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(WebhookManifests.CrdNames()[0]);
            var bundle = Encoding.ASCII.GetString(crd.Spec.Conversion.Webhook.ClientConfig.CaBundle);
            using var handler = new SocketsHttpHandler();
            handler.SslOptions.ClientCertificates = [server.FrontProxy.ClientCertificate];
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is X509Certificate2 served && WebhookCertificates.Verifies(bundle, served, Webhooks.ServiceDnsName);
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Add("X-Remote-User", MetricsReader);
            using var discovery = await http.GetAsync(new Uri($"https://127.0.0.1:{port}/apis/metrics.smi-spec.io/v1alpha2"));
            Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
            using var list = await http.GetAsync(new Uri($"https://127.0.0.1:{port}/apis/metrics.smi-spec.io/v1alpha2/namespaces/shop/deployments"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);

            var directory = host.Services.GetRequiredService<IResourceDirectory>();
            await Eventually.HoldsAsync(
                async () => (await directory.ListAsync(MetricsResourceKinds.Deployments, "shop", CancellationToken.None)).Any(d => d.Name == "api"),
                "the directory lists the Deployment from the hosted controller's cache");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Setup : IAsyncDisposable
    {
        private readonly HttpClient _http;
        private readonly Kubernetes _controllerClient;

        private Setup(LoopbackApiServer server, LoopbackApiServerOptions serverOptions, ControllerCore core, Kubernetes controllerClient, InformerResourceDirectory directory, SecureServer secure, string trustedBundle)
        {
            Server = server;
            ServerOptions = serverOptions;
            Core = core;
            _controllerClient = controllerClient;
            Directory = directory;
            Secure = secure;
            Client = server.CreateClient(TimeSpan.FromSeconds(10));
            var handler = new SocketsHttpHandler();
            handler.SslOptions.ClientCertificates = [server.FrontProxy.ClientCertificate];
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                ServedCertificate?.Dispose();
                ServedCertificate = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                var bundle = trustedBundle.Length > 0 ? trustedBundle : Secure.Certificate!.CaBundlePem;
                return WebhookCertificates.Verifies(bundle, ServedCertificate, Webhooks.ServiceDnsName);
            };
            _http = new HttpClient(handler) { BaseAddress = new Uri(secure.Url), Timeout = TimeSpan.FromSeconds(10) };
            _http.DefaultRequestHeaders.Add("X-Remote-User", MetricsReader);
        }

        public LoopbackApiServer Server { get; }

        public LoopbackApiServerOptions ServerOptions { get; }

        public Kubernetes Client { get; }

        public ControllerCore Core { get; }

        public InformerResourceDirectory Directory { get; }

        public SecureServer Secure { get; }

        public X509Certificate2? ServedCertificate { get; private set; }

        /// <summary>
        /// Starts the API server, then the controller and its HTTPS server as the installed ServiceAccount with the
        /// RBAC given (the shipped one when null).
        /// </summary>
        public static async Task<Setup> StartAsync(
            ITestOutputHelper output,
            Action<ControllerOptions>? configure = null,
            string trustedBundle = "",
            InstalledRbac? rbac = null,
            ILoggerProvider? logs = null)
        {
            var (server, serverOptions) = await StartServerAsync();
            var token = (rbac ?? Installed).InstallInto(server);

            var options = ControllerHarness.TestOptions();
            options.Identity = "secure";
            options.SecureAddress = "127.0.0.1";
            options.Tls.CertificateDirectory = null;
            options.Webhooks = Webhooks;
            options.OutputKinds = ControllerHarness.OutputKinds("istio");
            configure?.Invoke(options);
            var loggers = LoggerFactory.Create(b =>
            {
                b.AddProvider(new TestLoggerProvider(output, "secure")).SetMinimumLevel(LogLevel.Information);
                if (logs is not null)
                {
                    b.AddProvider(logs);
                }
            });
            var controllerClient = server.CreateClient(token, TimeSpan.FromSeconds(5));
            var core = new ControllerCore(controllerClient, ControllerHarness.Istio(), options, loggers);
            await core.StartAsync(CancellationToken.None);
            var directory = new InformerResourceDirectory(core.Cache, controllerClient);
            var secure = new SecureServer(options, controllerClient, directory, loggers, listenPort: 0);
            await secure.StartAsync(CancellationToken.None);
            return new Setup(server, serverOptions, core, controllerClient, directory, secure, trustedBundle);
        }

        public static async Task<(LoopbackApiServer Server, LoopbackApiServerOptions Options)> StartServerAsync()
        {
            var serverOptions = new LoopbackApiServerOptions
            {
                Namespaces = ["default", "kube-system", "shop", "smi-system"],
                BookmarkInterval = TimeSpan.FromMilliseconds(500),
            };
            var server = await LoopbackApiServer.StartAsync(serverOptions);
            server.Seed(Json("""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"metrics-reader"},
                 "rules":[{"apiGroups":["metrics.smi-spec.io"],"resources":["*"],"verbs":["get","list"]}]}
                """));
            server.Seed(Json("""
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding",
                 "metadata":{"name":"metrics-reader"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"metrics-reader"},
                 "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"metrics-reader"}]}
                """));
            foreach (var crd in WebhookManifests.Crds(Webhooks))
            {
                server.Seed(crd);
            }

            server.Seed(WebhookManifests.ValidatingWebhookConfiguration(Webhooks));
            foreach (var version in new[] { "v1alpha1", "v1alpha2" })
            {
                server.Seed(new JsonObject
                {
                    ["apiVersion"] = "apiregistration.k8s.io/v1",
                    ["kind"] = "APIService",
                    ["metadata"] = new JsonObject { ["name"] = $"{version}.metrics.smi-spec.io" },
                    ["spec"] = new JsonObject
                    {
                        ["group"] = "metrics.smi-spec.io",
                        ["version"] = version,
                        ["groupPriorityMinimum"] = 1000,
                        ["versionPriority"] = 10,
                        ["service"] = new JsonObject
                        {
                            ["namespace"] = Webhooks.Namespace,
                            ["name"] = Webhooks.ServiceName,
                            ["port"] = 443,
                        },
                    },
                });
            }

            server.Seed(Json("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"shop","labels":{"app":"api"}},"spec":{"selector":{"matchLabels":{"app":"api"}},"template":{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":"api","image":"api"}]}}}}"""));
            server.Seed(Json("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"api-1","namespace":"shop","labels":{"app":"api"}},"spec":{"containers":[{"name":"api","image":"api"}]}}"""));
            server.Seed(Json("""{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit","metadata":{"name":"web","namespace":"shop"},"spec":{"service":"web","backends":[{"service":"web-v1","weight":2},{"service":"web-v2","weight":1}]}}"""));

            return (server, serverOptions);
        }

        /// <summary>An HTTPS client of the host that trusts its CA and presents the certificate given, if
        /// any.</summary>
        public HttpClient CreateHttp(X509Certificate2? clientCertificate)
        {
            var handler = new SocketsHttpHandler();
            if (clientCertificate is not null)
            {
                handler.SslOptions.ClientCertificates = [clientCertificate];
            }

            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is X509Certificate2 served
                && WebhookCertificates.Verifies(Secure.Certificate!.CaBundlePem, served, Webhooks.ServiceDnsName);
            return new HttpClient(handler) { BaseAddress = new Uri(Secure.Url), Timeout = TimeSpan.FromSeconds(10) };
        }

        public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, string json)
        {
            using var content = new StringContent(json, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
        }

        public async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(string path)
        {
            using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await Secure.StopAsync(CancellationToken.None);
            await Secure.DisposeAsync();
            await Core.DisposeAsync();
            ServedCertificate?.Dispose();
            Client.Dispose();
            _controllerClient.Dispose();
            await Server.DisposeAsync();
        }

        private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();
    }
}

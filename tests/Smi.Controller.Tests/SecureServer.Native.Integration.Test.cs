using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Smi.Testing;
using Smi.Testing.ApiServer;
using Smi.Webhooks.Tls;

namespace Smi.Controller.Tests;

/// <summary>
/// The controller compiled natively, as a process of its own: its host's parts (configuration binding, Kestrel, the
/// health server and its metrics, the webhooks and the TrafficMetrics API over HTTPS with the certificate it
/// generates and the CA bundle it writes, delegated authentication) answer as the JIT build's do in the tests above.
/// </summary>
public sealed partial class SecureServerIntegrationTest
{
    [NativeControllerFact]
    public async Task The_Native_Controller_Serves_Health_Metrics_Webhooks_And_The_Metrics_Api()
    {
        var executable = NativeController.RequirePath();
        var (server, _) = await Setup.StartServerAsync();
        await using var serverScope = server;
        var token = Installed.InstallInto(server);
        var folder = Directory.CreateTempSubdirectory("smi-native-");
        try
        {
            var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, LoopbackKubeconfig.Text(server.Url, token));
            var healthPort = FreePort().ToString(CultureInfo.InvariantCulture);
            var securePort = FreePort().ToString(CultureInfo.InvariantCulture);
            using var controller = ControllerProcess.Start(
                [executable],
                [
                    "--mesh", "istio",
                    "--leader-elect", "false",
                    "--health-port", healthPort,
                    "--secure-port", securePort,
                    "--tls-dir", string.Empty,
                    "--Controller:HealthAddress", "127.0.0.1",
                    "--Controller:SecureAddress", "127.0.0.1",
                    "--Controller:Webhooks:Namespace", Webhooks.Namespace,
                    "--Controller:Webhooks:ServiceName", Webhooks.ServiceName,
                    "--Controller:Webhooks:ValidatingWebhookConfigurationName",
                    Webhooks.ValidatingWebhookConfigurationName,
                ],
                kubeconfig,
                folder.FullName,
                "native",
                output);
            try
            {
                using var health = new HttpClient
                {
                    BaseAddress = new Uri($"http://127.0.0.1:{healthPort}"),
                    Timeout = TimeSpan.FromSeconds(10),
                };
                await Eventually.HoldsAsync(
                    () => controller.HasExited || Ready(health),
                    "the native controller is ready (/readyz answers 200)",
                    TimeSpan.FromSeconds(60));
                Assert.False(controller.HasExited, $"the native controller exited with {ExitCode(controller)}");
                Assert.Contains(
                    "smi_",
                    await health.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
                    StringComparison.Ordinal);

                // The generated CA bundle, written into the webhook configuration, verifies the served certificate.
                JsonNode? CaBundle() => server.Find(
                    "admissionregistration.k8s.io/v1", "validatingwebhookconfigurations", null,
                    Webhooks.ValidatingWebhookConfigurationName)?["webhooks"]?[0]?["clientConfig"]?["caBundle"];
                await Eventually.HoldsAsync(
                    () => controller.HasExited || (CaBundle() is not null && Listens(securePort)),
                    "the native controller writes its CA bundle and listens on its secure port",
                    TimeSpan.FromSeconds(60));
                Assert.False(controller.HasExited, $"the native controller exited with {ExitCode(controller)}");
                var bundle = Convert.FromBase64String(CaBundle()!.GetValue<string>());
                var url = new Uri($"https://127.0.0.1:{securePort}");
                using var caller = Https(url, Encoding.ASCII.GetString(bundle), clientCertificate: null);
                var validated = await PostAsync(caller, "/validate", """
                    {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a-1",
                     "kind":{"group":"split.smi-spec.io","version":"v1alpha4","kind":"TrafficSplit"},
                     "resource":{"group":"split.smi-spec.io","version":"v1alpha4","resource":"trafficsplits"},
                     "name":"web","namespace":"shop","operation":"CREATE",
                     "object":{"apiVersion":"split.smi-spec.io/v1alpha4","kind":"TrafficSplit",
                               "metadata":{"name":"web","namespace":"shop"},
                               "spec":{"service":"web","backends":[{"service":"web-v1","weight":-1}]}}}}
                    """);
                Assert.False(validated["response"]!["allowed"]!.GetValue<bool>());
                Assert.Contains(
                    "spec.backends[0].weight",
                    validated["response"]!["status"]!["message"]!.GetValue<string>(),
                    StringComparison.Ordinal);

                var converted = await PostAsync(caller, "/convert", """
                    {"apiVersion":"apiextensions.k8s.io/v1","kind":"ConversionReview","request":{"uid":"c-1",
                     "desiredAPIVersion":"split.smi-spec.io/v1alpha4","objects":[
                      {"apiVersion":"split.smi-spec.io/v1alpha1","kind":"TrafficSplit",
                       "metadata":{"name":"web","namespace":"shop"},
                       "spec":{"service":"web","backends":[{"service":"web-v1","weight":"1"},
                                                           {"service":"web-v2","weight":"500m"}]}}]}}
                    """);
                Assert.Equal("Success", converted["response"]!["result"]!["status"]!.GetValue<string>());
                var weights = converted["response"]!["convertedObjects"]![0]!["spec"]!["backends"]!.AsArray()
                    .Select(b => b!["weight"]!.GetValue<decimal>())
                    .ToList();
                Assert.Equal(2m, weights[0] / weights[1]);

                // The TrafficMetrics API: no caller without a verified identity; the front proxy's user is.
                using var anonymous = await caller.GetAsync(new Uri(DiscoveryPath, UriKind.Relative));
                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
                using var proxied = Https(url, Encoding.ASCII.GetString(bundle), server.FrontProxy.ClientCertificate);
                proxied.DefaultRequestHeaders.Add("X-Remote-User", MetricsReader);
                var discovery = JsonNode.Parse(
                    await proxied.GetStringAsync(new Uri(DiscoveryPath, UriKind.Relative)))!;
                Assert.Equal("APIResourceList", discovery["kind"]!.GetValue<string>());
            }
            finally
            {
                controller.Kill(entireProcessTree: true);
                using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await controller.WaitForExitAsync(exited.Token);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static bool Ready(HttpClient health)
    {
        try
        {
            using var response = health.GetAsync(new Uri("/readyz", UriKind.Relative)).GetAwaiter().GetResult();
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static bool Listens(string port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, int.Parse(port, CultureInfo.InvariantCulture));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static string ExitCode(System.Diagnostics.Process process) =>
        process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "(running)";

    private static HttpClient Https(Uri url, string caBundlePem, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 served
            && WebhookCertificates.Verifies(caBundlePem, served, Webhooks.ServiceDnsName);
        return new HttpClient(handler) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}: {body}");
        return JsonNode.Parse(body)!;
    }
}

using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s;
using Smi.Testing.ApiServer;

namespace Smi.Controller.Tests;

/// <summary>
/// The TrafficMetrics API's callers, through the loopback API server's aggregation layer (front-proxy certificate and
/// user headers) and directly: who gets 200, 401 and 403.
/// </summary>
public sealed partial class SecureServerIntegrationTest
{
    private const string ReaderToken = "reader-token";
    private const string StrangerToken = "stranger-token";
    private const string DiscoveryPath = "/apis/metrics.smi-spec.io/v1alpha2";
    private const string DeploymentsPath = "/apis/metrics.smi-spec.io/v1alpha2/namespaces/shop/deployments";

    [Fact]
    public async Task Aggregated_Requests_Reach_The_Host_With_Verified_Tls_And_Are_Authorized_Per_User()
    {
        await using var setup = await Setup.StartAsync(output);
        setup.ServerOptions.WebhookServices[$"{Webhooks.Namespace}/{Webhooks.ServiceName}"] = new Uri(setup.Secure.Url);
        setup.ServerOptions.Tokens[ReaderToken] = new TokenUser(MetricsReader, ["readers"]);
        setup.ServerOptions.Tokens[StrangerToken] = new TokenUser("stranger", []);

        // The host wrote its CA into the APIService: the aggregator verifies the served certificate with it.
        var apiService = setup.Server.Find(
            "apiregistration.k8s.io/v1", "apiservices", null, "v1alpha2.metrics.smi-spec.io")!;
        Assert.NotNull(apiService["spec"]!["caBundle"]);
        Assert.False(apiService["spec"]!["insecureSkipTLSVerify"]!.GetValue<bool>());

        using var reader = Aggregated(setup, ReaderToken);
        using var discovery = await reader.GetAsync(new Uri(DiscoveryPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);

        // Past authorization the list answers 503 only because no Prometheus is configured.
        using var list = await reader.GetAsync(new Uri(DeploymentsPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);

        using var stranger = Aggregated(setup, StrangerToken);
        using var denied = await stranger.GetAsync(new Uri(DeploymentsPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        var status = JsonNode.Parse(await denied.Content.ReadAsStringAsync())!;
        Assert.Contains(
            "User \"stranger\" cannot list resource \"deployments\"",
            status["message"]!.GetValue<string>(),
            StringComparison.Ordinal);

        // kube-apiserver authenticates before it proxies: without a token (anonymous auth off) the caller never
        // reaches the host.
        using var anonymous = Aggregated(setup, token: null);
        using var anonymousList = await anonymous.GetAsync(new Uri(DeploymentsPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
    }

    [Fact]
    public async Task Callers_Without_A_Verified_Front_Proxy_Certificate_Or_Token_Get_401()
    {
        await using var setup = await Setup.StartAsync(output);

        using (var bare = setup.CreateHttp(clientCertificate: null))
        {
            bare.DefaultRequestHeaders.Add("X-Remote-User", MetricsReader);
            using var response = await bare.GetAsync(new Uri(DiscoveryPath, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // A certificate from another CA, even one named like the front proxy, does not make the headers believed.
        using var otherCa = FrontProxyCredentials.Create();
        using (var forged = setup.CreateHttp(otherCa.ClientCertificate))
        {
            forged.DefaultRequestHeaders.Add("X-Remote-User", MetricsReader);
            using var response = await forged.GetAsync(new Uri(DeploymentsPath, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // The right CA without a user header names nobody.
        using (var nameless = setup.CreateHttp(setup.Server.FrontProxy.ClientCertificate))
        {
            using var response = await nameless.GetAsync(new Uri(DiscoveryPath, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var unknownToken = setup.CreateHttp(clientCertificate: null))
        {
            unknownToken.DefaultRequestHeaders.Authorization = new("Bearer", "nobody-holds-this");
            using var response = await unknownToken.GetAsync(new Uri(DiscoveryPath, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Front_Proxy_Users_And_Bearer_Tokens_Are_Authorized_With_Cached_Access_Reviews()
    {
        await using var setup = await Setup.StartAsync(output);
        setup.ServerOptions.Tokens[ReaderToken] = new TokenUser(MetricsReader, []);

        using (var denied = setup.CreateHttp(setup.Server.FrontProxy.ClientCertificate))
        {
            denied.DefaultRequestHeaders.Add("X-Remote-User", "stranger");
            denied.DefaultRequestHeaders.Add("X-Remote-Group", "system:authenticated");
            using var response = await denied.GetAsync(new Uri(DeploymentsPath, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var token = setup.CreateHttp(clientCertificate: null);
        token.DefaultRequestHeaders.Authorization = new("Bearer", ReaderToken);
        setup.Server.ClearRequests();
        for (var i = 0; i < 3; i++)
        {
            using var response = await token.GetAsync(new Uri(DiscoveryPath, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // One TokenReview and one SubjectAccessReview answer all three requests (cached for 10 seconds).
        Assert.Single(setup.Server.Requests, r => r.Path.EndsWith("/tokenreviews", StringComparison.Ordinal));
        Assert.Single(setup.Server.Requests, r => r.Path.EndsWith("/subjectaccessreviews", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Rotated_Front_Proxy_Ca_Is_Trusted_And_The_Removed_One_Refused_Without_A_Restart()
    {
        await using var setup = await Setup.StartAsync(
            output, o => o.SecureServing.RequestHeaderRefreshInterval = TimeSpan.FromMilliseconds(200));
        var before = setup.Server.FrontProxy.ClientCertificate;
        using var rotated = FrontProxyCredentials.Create(caName: "front-proxy-ca-rotated");
        Assert.Equal(HttpStatusCode.OK, await DiscoveryStatusAsync(setup, before));
        Assert.Equal(HttpStatusCode.Unauthorized, await DiscoveryStatusAsync(setup, rotated.ClientCertificate));

        // The cluster replaces the CA it publishes: the new one only.
        var map = await setup.Client.CoreV1.ReadNamespacedConfigMapAsync(
            "extension-apiserver-authentication", "kube-system");
        map.Data["requestheader-client-ca-file"] = rotated.CaPem;
        await setup.Client.CoreV1.ReplaceNamespacedConfigMapAsync(
            map, map.Metadata.Name, map.Metadata.NamespaceProperty);

        await Eventually.HoldsAsync(
            async () => await DiscoveryStatusAsync(setup, rotated.ClientCertificate) == HttpStatusCode.OK
                && await DiscoveryStatusAsync(setup, before) == HttpStatusCode.Unauthorized,
            "a certificate of the new CA is accepted and one of the removed CA refused",
            TimeSpan.FromSeconds(30));

        // For good: every later request with the removed CA's certificate is refused, the new one's accepted.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await DiscoveryStatusAsync(setup, before));
            Assert.Equal(HttpStatusCode.OK, await DiscoveryStatusAsync(setup, rotated.ClientCertificate));
        }
    }

    private static async Task<HttpStatusCode> DiscoveryStatusAsync(
        Setup setup, X509Certificate2 certificate)
    {
        using var http = setup.CreateHttp(certificate);
        http.DefaultRequestHeaders.Add("X-Remote-User", MetricsReader);
        using var response = await http.GetAsync(new Uri(DiscoveryPath, UriKind.Relative));
        return response.StatusCode;
    }

    private static HttpClient Aggregated(Setup setup, string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(setup.Server.Url), Timeout = TimeSpan.FromSeconds(15) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return http;
    }
}

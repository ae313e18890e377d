using System.Net;
using System.Net.Sockets;
using k8s;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Smi.Controller.Hosting;
using Smi.Testing.ApiServer;
using Xunit.Abstractions;

namespace Smi.Controller.Tests;

[Collection(IntegrationTestCollection.Name)]
public sealed class HostIntegrationTest(ITestOutputHelper output)
{
    [Fact]
    public async Task Host_Serves_Health_Readiness_Metrics_And_Stops_Gracefully()
    {
        await using var harness = await ControllerHarness.StartAsync(output);
        harness.ApplyFile("canary-basic");
        var port = FreePort();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controller:HealthAddress"] = "127.0.0.1",
            ["Controller:SecurePort"] = "0",
            ["Controller:Debounce"] = "00:00:00.030",
            ["Controller:RequestTimeout"] = "00:00:02",
        });
        builder.Configuration.AddCommandLine(["--mesh", "istio", "--health-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--leader-elect", "true", "--lease-namespace", InstalledRbac.Namespace], CommandLine.SwitchMappings);
        var token = harness.InstallRbac(InstalledRbac.For("istio"));
        builder.Services.AddSingleton<IKubernetes>(_ => harness.Server.CreateClient(token, TimeSpan.FromSeconds(5)));
        builder.Services.AddSmiController(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        await Eventually.HoldsAsync(async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK, "the controller is ready");
        await Eventually.HoldsAsync(() => harness.VirtualService("shop", "web") is not null, "the hosted controller applies the VirtualService");
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("smi_controller_writes_total{verb=\"apply\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("smi_controller_reconciles_total", metrics, StringComparison.Ordinal);
        Assert.Contains("smi_controller_queue_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("smi_controller_reconcile_duration_seconds", metrics, StringComparison.Ordinal);
        Assert.Contains("smi_controller_leader 1", metrics, StringComparison.Ordinal);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(deadline.Token);
        Assert.False(deadline.IsCancellationRequested);
        Assert.False(host.Services.GetRequiredService<ControllerHostedService>().Core!.IsLeader);
    }

    [Fact]
    public async Task Unknown_Mesh_Fails_At_Start_And_Names_The_Choices()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddCommandLine(["--mesh", "kuma", "--health-port", "0", "--secure-port", "0"], CommandLine.SwitchMappings);
        builder.Services.AddSingleton<IKubernetes>(_ => new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }));
        builder.Services.AddSmiController(builder.Configuration);
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Contains("istio", error.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

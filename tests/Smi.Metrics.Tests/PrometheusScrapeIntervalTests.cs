using System.Net;
using Smi.Metrics.Prometheus;
using Smi.Metrics.Queries;

namespace Smi.Metrics.Tests;

/// <summary>Reading the scrape interval from a Prometheus configuration, or falling back without one.</summary>
public sealed class PrometheusScrapeIntervalTests
{
    [Theory]
    [InlineData("global:\n  scrape_interval: 30s\n", 30)]
    [InlineData("global:\n  evaluation_interval: 15s\n", 60)]
    [InlineData("{global: {scrape_interval: 15s}, scrape_configs: [{job_name: a}, {scrape_interval: 1m30s}]}", 90)]
    [InlineData("global:\n  scrape_interval: 1m\nscrape_configs:\n- job_name: a\n  scrape_interval: 10s\n", 60)]
    [InlineData("{}", 60)]
    public void TakesTheLongestInterval_WithPrometheusDefaultOfOneMinute(string yaml, int seconds)
    {
        Assert.True(PrometheusScrapeInterval.TryRead(yaml, out var interval));
        Assert.Equal(TimeSpan.FromSeconds(seconds), interval);
    }

    [Theory]
    [InlineData("")]
    [InlineData("global: [unclosed")]
    [InlineData("global:\n  scrape_interval: soon\n")]
    [InlineData("- a list")]
    public void RejectsWhatIsNotAConfiguration(string yaml) =>
        Assert.False(PrometheusScrapeInterval.TryRead(yaml, out _));

    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("500ms", 500)]
    public void ParsesPrometheusDurations(string text, long milliseconds)
    {
        Assert.True(PrometheusScrapeInterval.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Fact]
    public async Task UnreadableConfiguration_FallsBackToOneMinute_AndSaysSo()
    {
        using var http = new HttpClient(new NotFoundHandler());
        var options = new PrometheusClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/") };
        using var client = new PrometheusClient(http, options);
        Assert.Null(await client.ReadConfigurationAsync(CancellationToken.None));

        var service = new TrafficMetricsService(client, new LinkerdMetricsQueries(), MeshHarness.Directory());
        var plan = await service.PlanWindowAsync(MetricsWindow.Default, CancellationToken.None);
        Assert.Equal(TimeSpan.FromMinutes(1), plan.ScrapeInterval);
        Assert.Equal(TimeSpan.FromMinutes(4), plan.Effective.Duration);
        Assert.Contains("assumed", plan.Note, StringComparison.Ordinal);
    }

    private sealed class NotFoundHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(
                new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("404 page not found") });
    }
}

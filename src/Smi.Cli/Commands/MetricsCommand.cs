using System.CommandLine;
using Smi.Cli.Options;
using Smi.Metrics.Cli;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi metrics --prometheus URL --mesh NAME KIND/NAME</c>: golden metrics of a workload from Prometheus.
/// </summary>
internal static class MetricsCommand
{
    private const string DefaultTimeout = "10s";

    public static Command Create(CliConsole console)
    {
        var resource = new Argument<string>("KIND/NAME")
        {
            Description =
                "The resource: deployment/web, pod/web-5d9c, statefulset/db, daemonset/agent or namespace/shop.",
        };
        var prometheus = new Option<string>("--prometheus")
        {
            Description = "The Prometheus base URL, for example http://127.0.0.1:9090.",
            Required = true,
        };
        var withMetrics = MeshRegistration.Adapters().All.Where(a => a.MetricsQueries is not null).ToList();
        var mesh = ChoiceOption.Create("--mesh", ["-m"], [.. withMetrics.Select(a => a.Name)], fallback: null);
        mesh.Description = "The mesh whose metrics to read.";
        mesh.Required = true;
        var ns = new Option<string>("--namespace", "-n")
        {
            Description = "The resource's namespace.",
            DefaultValueFactory = _ => "default",
        };
        var edges = new Option<bool>("--edges")
        {
            Description = "Show the resource's edges (who it calls and who calls it) instead of its own metrics.",
        };
        var window = new Option<string>("--window")
        {
            Description = "The window the metrics cover, for example 30s or 1m; "
                + "widened (with a note) to four scrape intervals.",
            DefaultValueFactory = _ => "30s",
        };
        var scrapeInterval = new Option<string?>("--scrape-interval")
        {
            Description = "How often Prometheus scrapes the mesh's series, for example 30s "
                + "(default: read from Prometheus' configuration).",
        };
        var json = new Option<bool>("--json") { Description = "Print the TrafficMetrics JSON instead of a table." };
        var token = new Option<string?>("--bearer-token") { Description = "A bearer token for Prometheus." };
        var timeout = DurationOption.Create(
            "--timeout", "Per-attempt Prometheus timeout, for example 10s or 1m.", DefaultTimeout);
        var command = new Command(
            "metrics",
            "Print success rate, request rate and latencies of a workload, like 'linkerd viz stat', from the mesh's " +
            "Prometheus metrics.")
        {
            resource, prometheus, mesh, ns, edges, window, json, token, timeout, scrapeInterval,
        };
        CommandExamples.Add(
            command,
            "smi metrics deployment/web -n shop --prometheus http://127.0.0.1:9090 --mesh linkerd",
            "smi metrics deployment/web -n shop --prometheus http://127.0.0.1:9090 --mesh istio --edges --window 1m",
            "smi metrics namespace/shop --prometheus http://127.0.0.1:9090 --mesh consul --json --timeout 30s");
        command.SetAction(async (result, cancellationToken) =>
        {
            TimeSpan? interval = null;
            if (result.GetValue(scrapeInterval) is { } text)
            {
                if (!Smi.Metrics.PrometheusScrapeInterval.TryParseDuration(text, out var parsed))
                {
                    var message = $"error: --scrape-interval \"{text}\" is not a duration such as 15s or 1m";
                    await console.Error.WriteLineAsync(message).ConfigureAwait(false);
                    return ExitCodes.UsageError;
                }

                interval = parsed;
            }

            var code = await MetricsCommandRunner.RunAsync(
                result.GetValue(prometheus)!,
                withMetrics.First(a => a.Name == result.GetValue(mesh)).MetricsQueries!,
                result.GetValue(resource)!,
                name: null,
                result.GetValue(ns),
                result.GetValue(edges),
                result.GetValue(window),
                result.GetValue(json),
                console.Out,
                console.Error,
                bearerToken: result.GetValue(token),
                timeout: result.GetValue(timeout) ?? DurationOption.Parse(DefaultTimeout),
                scrapeInterval: interval,
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return code switch
            {
                MetricsCommandRunner.Success => ExitCodes.Success,
                MetricsCommandRunner.UsageError => ExitCodes.UsageError,
                _ => ExitCodes.InputErrors,
            };
        });
        return command;
    }
}

using System.Globalization;
using System.Text.Json;
using Smi.Metrics.Api;
using Smi.Metrics.Model;

namespace Smi.Metrics.Cli;

/// <summary>
/// Prints TrafficMetrics the way <c>linkerd viz stat</c> does: NAME, SUCCESS (success rate), RPS (requests per second
/// over the window), LATENCY_P50, LATENCY_P90, LATENCY_P99. Edge items add DIRECTION and PEER columns; trafficsplit
/// items add APEX, LEAF and WEIGHT. A value without data is <c>-</c>, never 0: rows without requests show <c>-</c> for
/// success rate, rate and latencies, and unknown counts (see <see cref="MetricsAnnotations.MissingData"/>) show
/// <c>-</c> for success rate and rate.
/// </summary>
public static class MetricsTableFormatter
{
    /// <summary>Writes a table.</summary>
    /// <param name="items">The items, in the order to print.</param>
    /// <param name="output">Where to write.</param>
    public static void WriteTable(IReadOnlyList<TrafficMetrics> items, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(output);
        var hasEdges = items.Any(item => item.Edge is not null && item.Backend is null);
        var hasBackends = items.Any(item => item.Backend is not null);
        List<string> header = ["NAME"];
        if (hasEdges)
        {
            header.AddRange(["DIRECTION", "PEER"]);
        }

        if (hasBackends)
        {
            header.AddRange(["APEX", "LEAF", "WEIGHT"]);
        }

        header.AddRange(["SUCCESS", "RPS", "LATENCY_P50", "LATENCY_P90", "LATENCY_P99"]);
        var rows = new List<List<string>> { header };
        foreach (var item in items)
        {
            List<string> row = [item.Resource.Name ?? string.Empty];
            if (hasEdges)
            {
                row.Add(item.Edge?.Direction ?? "-");
                row.Add(item.Edge?.Resource is { Name: not null } peer ? Peer(peer) : "-");
            }

            if (hasBackends)
            {
                row.Add(item.Backend?.Apex ?? "-");
                row.Add(item.Backend?.Name ?? "-");
                row.Add(item.Backend?.Weight.ToString(CultureInfo.InvariantCulture) ?? "-");
            }

            row.AddRange(Stats(item));
            rows.Add(row);
        }

        var widths = Enumerable.Range(0, header.Count).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select(
                (cell, column) =>
                    column == 0 || IsText(header[column])
                        ? cell.PadRight(widths[column])
                        : cell.PadLeft(widths[column]));
            output.WriteLine(string.Join("   ", cells).TrimEnd());
        }
    }

    /// <summary>Writes an object as indented JSON, exactly as the API serves it.</summary>
    /// <typeparam name="T">A served type, such as <see cref="TrafficMetrics"/> or
    /// <see cref="TrafficMetricsList"/>.</typeparam>
    /// <param name="document">The object.</param>
    /// <param name="output">Where to write.</param>
    public static void WriteJson<T>(T document, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(document, MetricsJson.Indented));
    }

    /// <summary>The SUCCESS, RPS and latency cells of one item.</summary>
    /// <param name="item">The item.</param>
    /// <returns>Five cells.</returns>
    public static IReadOnlyList<string> Stats(TrafficMetrics item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var success = Value(item, TrafficMetricNames.SuccessCount);
        var failure = Value(item, TrafficMetricNames.FailureCount);
        var total = success + failure;
        if (total == 0)
        {
            return ["-", "-", "-", "-", "-"];
        }

        var seconds = MetricsWindow.TryParse(item.Window, out var window, out _)
            ? (decimal)window.Duration.TotalSeconds
            : 30m;
        return
        [
            total is { } known
                ? (success!.Value / known * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%"
                : "-",
            total is { } requests ? (requests / seconds).ToString("0.0##", CultureInfo.InvariantCulture) + "rps" : "-",
            Latency(item, TrafficMetricNames.P50ResponseLatency),
            Latency(item, TrafficMetricNames.P90ResponseLatency),
            Latency(item, TrafficMetricNames.P99ResponseLatency),
        ];
    }

    private static bool IsText(string column) => column is "DIRECTION" or "PEER" or "APEX" or "LEAF";

    private static string Peer(ObjectReference peer) =>
        (peer.Kind?.ToLowerInvariant() ?? "resource") + "/"
            + (peer.Namespace is null ? peer.Name : peer.Namespace + "/" + peer.Name);

    private static decimal? Value(TrafficMetrics item, string name) =>
        KubernetesQuantity.TryParse(item.Get(name), out var value) ? value : null;

    private static string Latency(TrafficMetrics item, string name) =>
        Value(item, name) is { } value ? value.ToString("0.##", CultureInfo.InvariantCulture) + "ms" : "-";
}

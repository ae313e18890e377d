using Smi.Testing.ApiServer;

namespace Smi.Fleet;

/// <summary>Sorts the loopback server's recorded writes into outputs (apply), status, events, deletes and input.</summary>
public static class WriteClassifier
{
    /// <summary>The writes counted by kind.</summary>
    /// <param name="writes">The recorded writes.</param>
    /// <returns>Count per kind, kinds without writes left out.</returns>
    public static Dictionary<string, int> Count(IEnumerable<RecordedRequest> writes) =>
        writes.GroupBy(Classify).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The kind of one write: <c>events</c>, <c>status</c>, <c>deletes</c>, <c>input</c> or <c>output</c>.</summary>
    /// <param name="write">The write.</param>
    /// <returns>The kind.</returns>
    public static string Classify(RecordedRequest write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write.Method == "POST" && write.Path.EndsWith("/events", StringComparison.Ordinal) ? "events"
            : write.Path.EndsWith("/status", StringComparison.Ordinal) ? "status"
            : write.Method == "DELETE" ? "deletes"
            : write.Path.Contains("/trafficsplits/", StringComparison.Ordinal) ? "input"
            : "output";
    }
}

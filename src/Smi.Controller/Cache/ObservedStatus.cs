using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using k8s.Models;

namespace Smi.Controller.Cache;

/// <summary>
/// What the status of a cached object says: the fingerprint of its conditions and observed generation (as the status
/// reporter computes it for what it would write), and each condition's type, status and transition time.
/// </summary>
/// <param name="Fingerprint">The conditions' fingerprint (<see cref="FingerprintOf"/>).</param>
/// <param name="Conditions">The conditions, in the order the status lists them.</param>
internal sealed record ObservedStatus(UInt128 Fingerprint, ImmutableArray<ObservedCondition> Conditions)
{
    /// <summary>
    /// The fingerprint of a set of conditions and the generation they were observed at: type, status, reason and
    /// message of each, in order of type.
    /// </summary>
    /// <param name="conditions">The conditions.</param>
    /// <param name="generation">The observed generation, if any.</param>
    /// <returns>The 128-bit hash.</returns>
    public static UInt128 FingerprintOf(IEnumerable<V1Condition> conditions, long? generation) =>
        ContentHash.OfText(
            string.Join(
                "|", conditions.OrderBy(c => c.Type, StringComparer.Ordinal)
                    .Select(c => $"{c.Type}={c.Status};{c.Reason};{c.Message}"))
            + "@" + (generation?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));

    /// <summary>Reads <c>status.conditions</c> and <c>status.observedGeneration</c>; null without conditions.</summary>
    /// <param name="json">The object.</param>
    /// <returns>The status read, or null.</returns>
    public static ObservedStatus? Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object
            || !status.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        long? generation = status.TryGetProperty("observedGeneration", out var g) && g.TryGetInt64(out var value)
            ? value
            : null;
        var parsed = conditions.EnumerateArray().Select(c => new V1Condition
        {
            Type = Text(c, "type"),
            Status = Text(c, "status"),
            Reason = Text(c, "reason"),
            Message = Text(c, "message"),
        });
        var kept = conditions.EnumerateArray()
            .Select(c => new ObservedCondition(
                RecentStrings.Of(Text(c, "type")),
                RecentStrings.Of(Text(c, "status")),
                RecentStrings.Of(Text(c, "lastTransitionTime"))))
            .ToImmutableArray();
        return new ObservedStatus(FingerprintOf(parsed, generation), kept);
    }

    private static string Text(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}

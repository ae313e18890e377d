using System.Text.Json.Nodes;
using Smi.Controller.Reconcile;

namespace Smi.Controller.Tests;

public sealed class StatusPatchTests
{
    public static TheoryData<long?> Generations => new() { null, 0L, 7L, long.MaxValue };

    [Theory]
    [MemberData(nameof(Generations))]
    public void Writes_The_Text_A_Json_Object_Of_The_Conditions_Gives(long? generation)
    {
        StatusPatch.Entry[] conditions =
        [
            new("Accepted", "True", "Valid", "Accepted by the \"istio\" adapter <ok> & ü", "2026-01-02T03:04:05Z"),
            new("Translated", "False", "OutputNameConflict", "line one\nline two\ttab 'quote'", "2026-01-02T03:04:06Z"),
            new("Ready", "Unknown", null, null, string.Empty),
        ];

        Assert.Equal(AsJsonObject(conditions, generation), StatusPatch.Write(conditions, generation));
        Assert.Equal(AsJsonObject([], generation), StatusPatch.Write([], generation));
    }

    private static string AsJsonObject(IEnumerable<StatusPatch.Entry> conditions, long? generation)
    {
        var array = new JsonArray();
        foreach (var condition in conditions)
        {
            var entry = new JsonObject
            {
                ["type"] = condition.Type,
                ["status"] = condition.Status,
                ["reason"] = condition.Reason,
                ["message"] = condition.Message,
                ["lastTransitionTime"] = condition.LastTransitionTime,
            };
            if (generation is { } g)
            {
                entry["observedGeneration"] = g;
            }

            array.Add(entry);
        }

        var status = new JsonObject { ["conditions"] = array };
        if (generation is { } observed)
        {
            status["observedGeneration"] = observed;
        }

        return new JsonObject { ["status"] = status }.ToJsonString();
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Smi.Controller.Reconcile;

/// <summary>
/// The JSON merge patch of an SMI object's status: its conditions and the generation they were observed at, written
/// straight as UTF-8 (the same text a <c>JsonObject</c> of them gives, without building one per write).
/// </summary>
internal static class StatusPatch
{
    /// <summary>One condition as written.</summary>
    /// <param name="Type">The condition's type.</param>
    /// <param name="Status">True, False or Unknown.</param>
    /// <param name="Reason">The reason.</param>
    /// <param name="Message">The message.</param>
    /// <param name="LastTransitionTime">When the status last changed, as RFC 3339 text.</param>
    internal readonly record struct Entry(
        string? Type, string? Status, string? Reason, string? Message, string LastTransitionTime);

    /// <summary>
    /// <c>{"status":{"conditions":[...],"observedGeneration":G}}</c>; each condition carries the observed generation
    /// too, and neither is written without a generation.
    /// </summary>
    /// <param name="conditions">The conditions, in order.</param>
    /// <param name="generation">The object's generation, if it has one.</param>
    /// <returns>The patch.</returns>
    public static string Write(IReadOnlyList<Entry> conditions, long? generation)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (conditions.Count * 256));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("status");
            writer.WriteStartArray("conditions");
            foreach (var condition in conditions)
            {
                writer.WriteStartObject();
                writer.WriteString("type", condition.Type);
                writer.WriteString("status", condition.Status);
                writer.WriteString("reason", condition.Reason);
                writer.WriteString("message", condition.Message);
                writer.WriteString("lastTransitionTime", condition.LastTransitionTime);
                if (generation is { } observed)
                {
                    writer.WriteNumber("observedGeneration", observed);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (generation is { } value)
            {
                writer.WriteNumber("observedGeneration", value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

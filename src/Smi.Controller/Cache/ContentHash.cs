using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Smi.Controller.Cache;

/// <summary>
/// 128-bit hashes (XxHash128) of what the controller compares between two states of an object, computed while the
/// object is read, so that no text copy of it is kept. Each part is hashed with its length, so parts cannot run into
/// each other.
/// </summary>
internal static class ContentHash
{
    /// <summary>The hash of a text, as UTF-8.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hash.</returns>
    public static UInt128 OfText(string text) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// What about an object can change translation: every top-level field but metadata and status (as written, in
    /// order of name), plus its labels and annotations (in order of key) and its UID: an object deleted and created
    /// again under the same name, as a relist may show it, is another object (its outputs name it as their owner,
    /// and it has been told nothing).
    /// </summary>
    /// <param name="json">The object.</param>
    /// <param name="labels">Its labels.</param>
    /// <param name="annotations">Its annotations.</param>
    /// <returns>The hash.</returns>
    public static UInt128 Fingerprint(
        JsonElement json,
        IReadOnlyDictionary<string, string> labels,
        IReadOnlyDictionary<string, string> annotations)
    {
        var hash = new XxHash128();
        if (json.ValueKind == JsonValueKind.Object)
        {
            if (json.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                && metadata.TryGetProperty("uid", out var uid) && uid.ValueKind == JsonValueKind.String)
            {
                AppendText(hash, "uid");
                AppendRaw(hash, uid);
            }

            foreach (var property in json.EnumerateObject()
                .Where(p => p.Name is not ("metadata" or "status"))
                .OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                AppendText(hash, property.Name);
                AppendRaw(hash, property.Value);
            }
        }

        AppendMap(hash, "labels", labels);
        AppendMap(hash, "annotations", annotations);
        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>
    /// What of an output can differ from what the controller applies: its <paramref name="fingerprint"/>, owner
    /// references, finalizers and the fields <paramref name="fieldManager"/> owns (<c>fieldsV1</c> of its entries).
    /// </summary>
    /// <param name="fingerprint">The object's <see cref="Fingerprint"/>.</param>
    /// <param name="json">The object.</param>
    /// <param name="fieldManager">The controller's field manager; null leaves managed fields out.</param>
    /// <returns>The hash.</returns>
    public static UInt128 Drift(UInt128 fingerprint, JsonElement json, string? fieldManager)
    {
        var hash = new XxHash128();
        Span<byte> seed = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128LittleEndian(seed, fingerprint);
        hash.Append(seed);
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("metadata", out var metadata)
            || metadata.ValueKind != JsonValueKind.Object)
        {
            return hash.GetCurrentHashAsUInt128();
        }

        foreach (var name in (ReadOnlySpan<string>)["ownerReferences", "finalizers"])
        {
            AppendText(hash, name);
            if (metadata.TryGetProperty(name, out var value))
            {
                AppendRaw(hash, value);
            }
        }

        if (fieldManager is not null
            && metadata.TryGetProperty("managedFields", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                if (IsOf(entry, fieldManager) && entry.TryGetProperty("fieldsV1", out var fields))
                {
                    AppendRaw(hash, fields);
                }
            }
        }

        return hash.GetCurrentHashAsUInt128();
    }

    /// <summary>Whether a <c>managedFields</c> entry is <paramref name="fieldManager"/>'s.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="fieldManager">The field manager.</param>
    /// <returns><see langword="true"/> when the entry names that manager.</returns>
    public static bool IsOf(JsonElement entry, string fieldManager) =>
        entry.ValueKind == JsonValueKind.Object
        && entry.TryGetProperty("manager", out var manager)
        && manager.ValueKind == JsonValueKind.String
        && manager.ValueEquals(fieldManager);

    private static void AppendMap(XxHash128 hash, string name, IReadOnlyDictionary<string, string> map)
    {
        AppendText(hash, name);
        foreach (var (key, value) in map.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            AppendText(hash, key);
            AppendText(hash, value);
        }
    }

    private static void AppendText(XxHash128 hash, string text)
    {
        // Names, label keys and values are short: encoded on the stack, without an array per text.
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > 512)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            AppendLength(hash, bytes.Length);
            hash.Append(bytes);
            return;
        }

        Span<byte> buffer = stackalloc byte[512];
        var length = Encoding.UTF8.GetBytes(text, buffer);
        AppendLength(hash, length);
        hash.Append(buffer[..length]);
    }

    private static void AppendRaw(XxHash128 hash, JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        AppendLength(hash, raw.Length);
        hash.Append(raw);
    }

    private static void AppendLength(XxHash128 hash, int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        hash.Append(prefix);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Smi.Kube.Fields;

/// <summary>
/// The hash of a desired output, stored in an annotation on it: after a restart the controller compares what it would
/// apply with what it last applied without a write.
/// </summary>
public static class OutputHash
{
    /// <summary>The annotation that holds the hash of the last applied JSON.</summary>
    public const string Annotation = "smi-adapter.io/applied-hash";

    /// <summary>Hashes an object's JSON (without the hash annotation).</summary>
    /// <param name="obj">The object.</param>
    /// <returns>A hex SHA-256 prefix.</returns>
    public static string Compute(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(obj.ToJsonString()));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }

    /// <summary>
    /// What the controller applies for an output: the object without status, with the hash of that in
    /// <see cref="Annotation"/>.
    /// </summary>
    /// <param name="output">The translated object (not changed).</param>
    /// <param name="hash">The hash written into the annotation.</param>
    /// <returns>The apply configuration.</returns>
    public static JsonObject ApplyConfiguration(JsonObject output, out string hash)
    {
        ArgumentNullException.ThrowIfNull(output);
        var json = (JsonObject)output.DeepClone();
        json.Remove("status");
        hash = Compute(json);
        var metadata = json["metadata"] as JsonObject ?? [];
        var annotations = metadata["annotations"] as JsonObject ?? [];
        annotations[Annotation] = hash;
        metadata["annotations"] = annotations;
        json["metadata"] = metadata;
        return json;
    }
}

using System.Text.Json;
using k8s;

namespace Smi.Abstractions.Serialization;

/// <summary>
/// The serializer options <see cref="KubernetesJson"/> reads and writes with (its converters for quantities,
/// int-or-string and dates, nulls left out), taken from the one hook it offers, so typed objects are read from and
/// written to JSON nodes directly instead of through JSON text.
/// </summary>
internal static class KubernetesJsonOptions
{
    private static readonly Lazy<JsonSerializerOptions> Captured = new(() =>
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesJson gave no serializer options");
    });

    /// <summary>The options.</summary>
    public static JsonSerializerOptions Value => Captured.Value;
}

using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Smi.Abstractions.Resources;

/// <summary>
/// The common shape of every SMI object: apiVersion, kind, metadata, and the status this project's CRDs add
/// (SMI itself defines none). Versions without a <c>spec</c> wrapper derive from this directly.
/// </summary>
public abstract class SmiObject : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Creates an object of the given apiVersion and kind.</summary>
    /// <param name="apiVersion">The apiVersion.</param>
    /// <param name="kind">The kind.</param>
    protected SmiObject(string apiVersion, string kind)
    {
        ApiVersion = apiVersion;
        Kind = kind;
    }

    /// <inheritdoc/>
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(-4)]
    public string ApiVersion { get; set; }

    /// <inheritdoc/>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(-3)]
    public string Kind { get; set; }

    /// <inheritdoc/>
    [JsonPropertyName("metadata")]
    [JsonPropertyOrder(-2)]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>Conditions reported by the controller; <see langword="null"/> until it writes some.</summary>
    [JsonPropertyName("status")]
    [JsonPropertyOrder(1)]
    public SmiStatus? Status { get; set; }
}

using System.Text.Json.Serialization;
using k8s.Models;

namespace Smi.Abstractions.Resources;

/// <summary>The status the controller reports on an SMI object.</summary>
public sealed class SmiStatus
{
    /// <summary>The generation the conditions describe.</summary>
    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; set; }

    /// <summary>Standard Kubernetes conditions, such as <c>Accepted</c> and <c>Translated</c>.</summary>
    [JsonPropertyName("conditions")]
    public IList<V1Condition>? Conditions { get; set; }
}

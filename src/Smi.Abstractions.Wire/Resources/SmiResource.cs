using System.Text.Json.Serialization;
using k8s.Models;

namespace Smi.Abstractions.Resources;

/// <summary>An SMI object with a <c>spec</c>; the spec starts non-null.</summary>
/// <typeparam name="TSpec">The spec type.</typeparam>
public abstract class SmiResource<TSpec> : SmiObject, ISpec<TSpec>
    where TSpec : new()
{
    /// <summary>Creates an object of the given apiVersion and kind.</summary>
    /// <param name="apiVersion">The apiVersion.</param>
    /// <param name="kind">The kind.</param>
    protected SmiResource(string apiVersion, string kind)
        : base(apiVersion, kind)
    {
    }

    /// <inheritdoc/>
    [JsonPropertyName("spec")]
    [JsonPropertyOrder(-1)]
    public TSpec Spec { get; set; } = new();
}

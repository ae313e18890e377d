using System.Text.Json;
using k8s;
using k8s.Models;
using Smi.Abstractions.Resources;

namespace Smi.Abstractions.Conversion;

/// <summary>Typed base for <see cref="ISmiVersion"/>.</summary>
/// <typeparam name="TResource">The typed resource.</typeparam>
/// <typeparam name="THub">The hub record.</typeparam>
/// <param name="group">The API group.</param>
/// <param name="version">The version.</param>
/// <param name="kind">The kind.</param>
/// <param name="plural">The plural resource name.</param>
public abstract class SmiVersion<TResource, THub>(string group, string version, string kind, string plural)
    : ISmiVersion
    where TResource : SmiObject, new()
    where THub : class
{
    /// <inheritdoc/>
    public string Group { get; } = group;

    /// <inheritdoc/>
    public string Version { get; } = version;

    /// <inheritdoc/>
    public string Kind { get; } = kind;

    /// <inheritdoc/>
    public string Plural { get; } = plural;

    /// <inheritdoc/>
    public Type ResourceType => typeof(TResource);

    /// <summary>
    /// <c>group/version</c>, built once: every reference a conversion makes shares this one string.
    /// </summary>
    protected string ApiVersion { get; } = $"{group}/{version}";

    /// <inheritdoc/>
    string ISmiVersion.ApiVersion => ApiVersion;

    /// <inheritdoc/>
    public SmiObject Deserialize(string json) =>
        KubernetesJson.Deserialize<TResource>(json) ?? throw new JsonException("The document is empty.");

    /// <inheritdoc/>
    public object ToHub(SmiObject resource, ConversionContext context) => ToHub((TResource)resource, context);

    /// <inheritdoc/>
    public SmiObject FromHub(object hub, V1ObjectMeta metadata, ConversionContext context)
    {
        var resource = FromHub((THub)hub, context);
        resource.Metadata = metadata;
        return resource;
    }

    /// <summary>Converts to the hub record.</summary>
    /// <param name="resource">The resource.</param>
    /// <param name="context">The conversion context.</param>
    /// <returns>The hub record.</returns>
    protected abstract THub ToHub(TResource resource, ConversionContext context);

    /// <summary>Converts from the hub record; metadata is set by the caller.</summary>
    /// <param name="hub">The hub record.</param>
    /// <param name="context">The conversion context.</param>
    /// <returns>The resource.</returns>
    protected abstract TResource FromHub(THub hub, ConversionContext context);

    /// <summary>The reference of a resource of this version.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The reference, with UID when present.</returns>
    protected ResourceRef RefOf(TResource resource) =>
        new(
            ApiVersion,
            Kind,
            resource.Metadata?.NamespaceProperty,
            resource.Metadata?.Name ?? string.Empty) { Uid = resource.Metadata?.Uid };
}

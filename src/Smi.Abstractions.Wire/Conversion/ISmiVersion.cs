using k8s.Models;
using Smi.Abstractions.Resources;

namespace Smi.Abstractions.Conversion;

/// <summary>
/// One version of one SMI kind: its typed resource and its conversion to and from the hub model
/// (<see cref="Model.SplitRule"/>, <see cref="Model.AccessGrant"/>, <see cref="Model.RouteGroup"/>,
/// <see cref="Model.PortRoute"/> or <see cref="Model.IdentityBindingRule"/>).
/// </summary>
public interface ISmiVersion
{
    /// <summary>The API group.</summary>
    string Group { get; }

    /// <summary>The version, for example <c>v1alpha4</c>.</summary>
    string Version { get; }

    /// <summary>The kind.</summary>
    string Kind { get; }

    /// <summary>The plural resource name.</summary>
    string Plural { get; }

    /// <summary><c>group/version</c>.</summary>
    string ApiVersion => $"{Group}/{Version}";

    /// <summary>The typed resource class.</summary>
    Type ResourceType { get; }

    /// <summary>Reads a resource of this version from JSON.</summary>
    /// <param name="json">The object as JSON.</param>
    /// <returns>The typed resource.</returns>
    SmiObject Deserialize(string json);

    /// <summary>Converts a typed resource of this version to its hub record.</summary>
    /// <param name="resource">The resource; must be of <see cref="ResourceType"/>.</param>
    /// <param name="context">Collects lossy-conversion diagnostics.</param>
    /// <returns>The hub record.</returns>
    object ToHub(SmiObject resource, ConversionContext context);

    /// <summary>Converts a hub record to a typed resource of this version.</summary>
    /// <param name="hub">The hub record of this kind.</param>
    /// <param name="metadata">The metadata to carry over.</param>
    /// <param name="context">Collects diagnostics for anything this version cannot hold.</param>
    /// <returns>The typed resource.</returns>
    SmiObject FromHub(object hub, V1ObjectMeta metadata, ConversionContext context);
}

using System.Text.Json.Nodes;
using Smi.Abstractions.Diagnostics;

namespace Smi.Abstractions.Serialization;

/// <summary>One object read from a manifest.</summary>
/// <remarks>
/// The object as read can be kept as UTF-8 JSON and turned into <see cref="Json"/> the first time it is asked for:
/// most runs never ask, and a large input then holds one array per object instead of a tree of JSON nodes.
/// </remarks>
public sealed record LoadedObject
{
    private readonly byte[]? _utf8Json;
    private JsonObject? _json;

    /// <summary>An object read from a manifest, with its JSON as read.</summary>
    /// <param name="Resource">
    /// The typed object: an SMI resource (<see cref="Resources.SmiObject"/>) or a Kubernetes model such as
    /// <c>V1Service</c> or <c>V1Deployment</c>.
    /// </param>
    /// <param name="Ref">Its reference.</param>
    /// <param name="Location">Where it was read.</param>
    /// <param name="Json">
    /// The object exactly as read (no defaults filled in, headers in their original encoding).
    /// </param>
    public LoadedObject(object Resource, ResourceRef Ref, SourceLocation Location, JsonObject Json)
    {
        this.Resource = Resource;
        this.Ref = Ref;
        this.Location = Location;
        _json = Json;
    }

    /// <summary>
    /// An object read from a manifest, with its JSON as read kept as UTF-8 text until it is asked for.
    /// </summary>
    /// <param name="resource">The typed object.</param>
    /// <param name="reference">Its reference.</param>
    /// <param name="location">Where it was read.</param>
    /// <param name="utf8Json">The object exactly as read, as a UTF-8 JSON object.</param>
    public LoadedObject(object resource, ResourceRef reference, SourceLocation location, byte[] utf8Json)
    {
        Resource = resource;
        Ref = reference;
        Location = location;
        _utf8Json = utf8Json;
    }

    /// <summary>
    /// The typed object: an SMI resource (<see cref="Resources.SmiObject"/>) or a Kubernetes model such as
    /// <c>V1Service</c> or <c>V1Deployment</c>.
    /// </summary>
    public object Resource { get; init; }

    /// <summary>Its reference.</summary>
    public ResourceRef Ref { get; init; }

    /// <summary>Where it was read.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>The object exactly as read (no defaults filled in, headers in their original encoding).</summary>
    public JsonObject Json
    {
        get
        {
            if (_json is { } json)
            {
                return json;
            }

            var parsed = JsonNode.Parse(_utf8Json!)!.AsObject();
            return Interlocked.CompareExchange(ref _json, parsed, null) ?? parsed;
        }

        init => _json = value;
    }

    /// <summary>The object's parts.</summary>
    /// <param name="Resource">The typed object.</param>
    /// <param name="Ref">Its reference.</param>
    /// <param name="Location">Where it was read.</param>
    /// <param name="Json">The object as read.</param>
    public void Deconstruct(out object Resource, out ResourceRef Ref, out SourceLocation Location, out JsonObject Json)
    {
        Resource = this.Resource;
        Ref = this.Ref;
        Location = this.Location;
        Json = this.Json;
    }
}

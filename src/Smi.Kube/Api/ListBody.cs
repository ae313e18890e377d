using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Smi.Kube.Api;

/// <summary>
/// A list response as read off the wire: the list's metadata and each item as a JSON element of its own. Read into this
/// type rather than into one JSON document, the serializer streams the list and buffers one item at a time: a page of
/// 500 objects does not rent the megabyte buffers a whole-page document takes, which the shared array pool would then
/// keep for a minute or more.
/// </summary>
internal sealed class ListBody
{
    /// <summary>The list's metadata: its resource version and the continue token.</summary>
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    /// <summary>The objects, each its own JSON element.</summary>
    [JsonPropertyName("items")]
    public List<JsonElement>? Items { get; set; }
}

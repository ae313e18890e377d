using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Smi.Webhooks.Reviews;

/// <summary>The request part of an <see cref="AdmissionReview"/>.</summary>
public sealed class AdmissionRequest
{
    /// <summary>Identifies this call; the response repeats it.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; set; }

    /// <summary>The kind of the object, in the version sent to the webhook.</summary>
    [JsonPropertyName("kind")]
    public GroupVersionKind? Kind { get; set; }

    /// <summary>The resource being written.</summary>
    [JsonPropertyName("resource")]
    public GroupVersionResource? Resource { get; set; }

    /// <summary>The subresource, for example <c>status</c>; empty for the main resource.</summary>
    [JsonPropertyName("subResource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SubResource { get; set; }

    /// <summary>The kind as the client sent it, when the API server converted it for the webhook.</summary>
    [JsonPropertyName("requestKind")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GroupVersionKind? RequestKind { get; set; }

    /// <summary>The resource as the client sent it.</summary>
    [JsonPropertyName("requestResource")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GroupVersionResource? RequestResource { get; set; }

    /// <summary>The object's name (may be empty on CREATE with generateName).</summary>
    [JsonPropertyName("name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }

    /// <summary>The object's namespace.</summary>
    [JsonPropertyName("namespace")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Namespace { get; set; }

    /// <summary><c>CREATE</c>, <c>UPDATE</c>, <c>DELETE</c> or <c>CONNECT</c>.</summary>
    [JsonPropertyName("operation")]
    public string? Operation { get; set; }

    /// <summary>Who sent the request.</summary>
    [JsonPropertyName("userInfo")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? UserInfo { get; set; }

    /// <summary>The object to be stored (CREATE, UPDATE).</summary>
    [JsonPropertyName("object")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Object { get; set; }

    /// <summary>The stored object (UPDATE, DELETE).</summary>
    [JsonPropertyName("oldObject")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? OldObject { get; set; }

    /// <summary>Whether the request is a dry run.</summary>
    [JsonPropertyName("dryRun")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DryRun { get; set; }

    /// <summary>The operation's options (CreateOptions, UpdateOptions, ...).</summary>
    [JsonPropertyName("options")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Options { get; set; }
}

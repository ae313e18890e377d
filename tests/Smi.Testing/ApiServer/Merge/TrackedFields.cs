using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer.Merge;

/// <summary>
/// The part of an object whose fields managers own. <c>apiVersion</c>, <c>kind</c> and the identity and bookkeeping
/// of <c>metadata</c> are not tracked (kube-apiserver strips them, <c>managedfields/internal/stripmeta.go</c>; here
/// only <c>labels</c>, <c>annotations</c>, <c>finalizers</c> and <c>ownerReferences</c> stay), and a write through
/// the main resource or the <c>status</c> subresource only tracks what it may change (the strategies' reset fields).
/// </summary>
internal static class TrackedFields
{
    /// <summary>A copy of the tracked part of <paramref name="obj"/>.</summary>
    public static JsonObject Of(ResourceType type, JsonObject obj, string? subresource)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(obj);
        var tracked = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (value is null || key is "apiVersion" or "kind")
            {
                continue;
            }

            if (subresource == "status" ? key != "status" : type.HasStatus && key == "status")
            {
                continue;
            }

            if (key == "metadata")
            {
                var metadata = new JsonObject();
                foreach (var (field, content) in value as JsonObject ?? [])
                {
                    if (content is not null && field is "labels" or "annotations" or "finalizers" or "ownerReferences")
                    {
                        metadata[field] = content.DeepClone();
                    }
                }

                if (metadata.Count > 0)
                {
                    tracked[key] = metadata;
                }

                continue;
            }

            tracked[key] = value.DeepClone();
        }

        return tracked;
    }
}

using System.Text.Json.Nodes;
using k8s;
using Smi.Abstractions.Serialization;
using Xunit;

namespace Smi.Testing;

/// <summary>
/// Compares what the loader read from an object listed from the API server with what its JSON node path reads from
/// the same object: the same diagnostics, references, locations, JSON as read and typed objects, the typed objects
/// without <c>metadata.managedFields</c>, which listed objects are read without.
/// </summary>
public static class ListedLoadAssert
{
    /// <summary>Asserts that <paramref name="actual"/> holds what <paramref name="expected"/> holds.</summary>
    /// <param name="expected">What the node path read.</param>
    /// <param name="actual">What was read from the listed object.</param>
    public static void Same(LoadResult expected, LoadResult actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Assert.Equal(expected.Diagnostics.ToArray(), actual.Diagnostics.ToArray());
        Assert.Equal(expected.Objects.Length, actual.Objects.Length);
        for (var i = 0; i < expected.Objects.Length; i++)
        {
            var (want, got) = (expected.Objects[i], actual.Objects[i]);
            Assert.Equal(want.Ref, got.Ref);
            Assert.Equal(want.Ref.Uid, got.Ref.Uid);
            Assert.Equal(want.Location, got.Location);
            Assert.Equal(want.Resource.GetType(), got.Resource.GetType());
            Assert.Equal(WithoutManagedFields(want.Resource), KubernetesJson.Serialize(got.Resource));
            Assert.Equal(want.Json.ToJsonString(), got.Json.ToJsonString());
        }
    }

    private static string WithoutManagedFields(object resource)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(resource))!.AsObject();
        (json["metadata"] as JsonObject)?.Remove("managedFields");
        return json.ToJsonString();
    }
}

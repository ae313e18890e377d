using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>One object in the store with its field managers.</summary>
internal sealed class StoredObject
{
    public required JsonObject Object { get; set; }

    public Dictionary<string, ManagedFieldsEntry> Managers { get; init; } = new(StringComparer.Ordinal);

    public string Uid => Object["metadata"]?["uid"]?.GetValue<string>() ?? string.Empty;

    public JsonObject Metadata => (JsonObject)Object["metadata"]!;

    public StoredObject Clone() => new()
    {
        Object = (JsonObject)Object.DeepClone(),
        Managers = Managers.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal),
    };
}

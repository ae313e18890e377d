namespace Smi.Testing.ApiServer;

/// <summary>One served resource in one group version: how discovery lists it and how the store keeps it.</summary>
internal sealed record ResourceType
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public required bool Namespaced { get; init; }

    public bool HasStatus { get; init; }

    public bool ReturnDeletedObject { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>The CRD this resource comes from; null for built-in kinds.</summary>
    public CrdDefinition? Crd { get; init; }

    /// <summary>The group (empty for core) and plural, which key the storage shared by every version.</summary>
    public string StorageKey => Group + "/" + Plural;

    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public string ListKind => Kind + "List";
}

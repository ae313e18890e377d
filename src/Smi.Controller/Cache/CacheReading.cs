using System.Text.Json;
using Smi.Abstractions;
using Smi.Kube;

namespace Smi.Controller.Cache;

/// <summary>
/// What an informer keeps of each object besides its identity, labels, annotations and fingerprint: the object as read
/// only where it is read again later (outputs, for the drift check; CRDs, for their schemas), the status conditions
/// of objects the controller reports on, and the snapshot entry of objects translation reads.
/// </summary>
internal sealed record CacheReading
{
    /// <summary>Keeps everything a reader may ask for (the object as read, without status; its conditions).</summary>
    public static CacheReading Everything { get; } = new() { KeepsContent = true, KeepsStatus = true };

    /// <summary>Whether the object is kept as compact UTF-8 JSON, without status.</summary>
    public bool KeepsContent { get; init; }

    /// <summary>
    /// Whether the content of one state of an object (its reference and resource version) is not needed after all: an
    /// output the controller's own apply stored, whose drift check compares the apply's record, not the object.
    /// </summary>
    public Func<ResourceRef, string, bool>? ContentNotNeeded { get; init; }

    /// <summary>Whether the status conditions and observed generation are kept (SMI objects).</summary>
    public bool KeepsStatus { get; init; }

    /// <summary>
    /// The controller's field manager: when set, the kept content holds only this manager's managed fields, and
    /// the drift fingerprint covers them; otherwise every manager's entries are kept.
    /// </summary>
    public string? FieldManager { get; init; }

    /// <summary>
    /// Reads the object into its snapshot entry, at once; null for objects translation does not read.
    /// </summary>
    public Func<ResourceKind, JsonElement, DecodedObject>? Decoder { get; init; }
}

using System.Text.Json;
using k8s;

namespace Smi.Kube.Api;

/// <summary>One event of a watch stream, with the object as JSON.</summary>
/// <param name="Type">ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.</param>
/// <param name="Object">The object, or the Status of an ERROR.</param>
internal sealed record WatchItem(WatchEventType Type, JsonElement Object);

using Smi.Kube;
using Smi.Kube.Rbac;

namespace Smi.Controller.Cache;

/// <summary>An informer whose list or watch (or get, for one watched namespace) the API server refuses.</summary>
/// <param name="Kind">The kind it reads.</param>
/// <param name="Namespace">The namespace it reads; null for all.</param>
/// <param name="Name">The one object it reads by name (a watched namespace), or null.</param>
/// <param name="Permission">The refused permission.</param>
/// <param name="IsOutput">Whether it reads one of the controller's output kinds.</param>
internal sealed record RefusedRead(
    ResourceKind Kind, string? Namespace, string? Name, MissingPermission Permission, bool IsOutput);

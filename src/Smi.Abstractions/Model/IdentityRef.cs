namespace Smi.Abstractions.Model;

/// <summary>A workload identity named by a TrafficTarget destination or source.</summary>
/// <param name="Kind">ServiceAccount or IdentityBinding.</param>
/// <param name="Name">The identity's name.</param>
/// <param name="Namespace">The namespace, defaulted to the TrafficTarget's own when the input left it out.</param>
/// <param name="NamespaceWasSet">Whether the input named the namespace explicitly.</param>
public sealed record IdentityRef(IdentityKind Kind, string Name, string Namespace, bool NamespaceWasSet = true)
{
    /// <summary>Formats as <c>kind namespace/name</c>.</summary>
    /// <returns>The display form.</returns>
    public override string ToString() => $"{Kind} {Namespace}/{Name}";
}

using System.Collections.Immutable;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Model;
using Smi.Abstractions.Snapshot;

namespace Smi.Abstractions.Validation;

/// <summary>
/// Checks the <see cref="SmiBounds"/> and <see cref="KubernetesNames"/> formats on every SMI object: object names
/// (DNS-1123 subdomain), namespaces and Service names (DNS-1123 label), ServiceAccount names (DNS-1123 subdomain),
/// ports (1-65535), and the lengths of lists and strings.
/// </summary>
public sealed class BoundsValidator : ISmiValidator
{
    /// <inheritdoc/>
    public IEnumerable<Diagnostic> Validate(MeshSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var sources = snapshot.Splits.Select(s => s.Source)
            .Concat(snapshot.AccessGrants.Select(g => g.Source))
            .Concat(snapshot.RouteGroups.Select(g => g.Source))
            .Concat(snapshot.PortRoutes.Select(r => r.Source))
            .Concat(snapshot.IdentityBindings.Select(b => b.Source))
            .Distinct();
        var diagnostics = new List<Diagnostic>();
        foreach (var source in sources)
        {
            Subdomain(diagnostics, source, "metadata.name", source.Name);
            Label(diagnostics, source, "metadata.namespace", source.Namespace);
        }

        foreach (var split in snapshot.Splits)
        {
            Label(diagnostics, split.Source, "spec.service", split.RootService);
            for (var i = 0; i < (split.Backends.IsDefault ? 0 : split.Backends.Length); i++)
            {
                Label(diagnostics, split.Source, $"spec.backends[{i}].service", split.Backends[i].Service);
            }
        }

        foreach (var grant in snapshot.AccessGrants)
        {
            Identity(diagnostics, grant.Source, "spec.destination", grant.Destination);
            if (grant.DestinationPort is { } port)
            {
                Port(diagnostics, grant.Source, "spec.destination.port", port);
            }

            Count(diagnostics, grant.Source, "spec.rules", grant.Rules);
            Count(diagnostics, grant.Source, "spec.sources", grant.Sources);
            for (var i = 0; i < (grant.Sources.IsDefault ? 0 : grant.Sources.Length); i++)
            {
                Identity(diagnostics, grant.Source, $"spec.sources[{i}]", grant.Sources[i]);
            }
        }

        foreach (var group in snapshot.RouteGroups)
        {
            var prefix = group.Source.Version is "v1alpha1" or "v1alpha2" ? "matches" : "spec.matches";
            Count(diagnostics, group.Source, prefix, group.Matches);
            for (var i = 0; i < (group.Matches.IsDefault ? 0 : group.Matches.Length); i++)
            {
                var match = group.Matches[i];
                Length(diagnostics, group.Source, $"{prefix}[{i}].name", match.Name);
                Count(diagnostics, group.Source, $"{prefix}[{i}].methods", match.Methods);
                Count(diagnostics, group.Source, $"{prefix}[{i}].headers", match.Headers);
                foreach (var header in match.Headers.IsDefault ? [] : match.Headers)
                {
                    Length(diagnostics, group.Source, $"{prefix}[{i}].headers", header.Name);
                }
            }
        }

        foreach (var route in snapshot.PortRoutes)
        {
            Count(diagnostics, route.Source, "spec.matches.ports", route.Ports);
        }

        foreach (var binding in snapshot.IdentityBindings)
        {
            Subdomain(diagnostics, binding.Source, "spec.schemes.serviceAccount", binding.ServiceAccount);
            Count(diagnostics, binding.Source, "spec.schemes.spiffeIdentities", binding.SpiffeIdentities);
        }

        return diagnostics;
    }

    private static void Identity(List<Diagnostic> diagnostics, ResourceRef source, string path, IdentityRef? identity)
    {
        if (identity is null)
        {
            return;
        }

        if (identity.Kind == IdentityKind.ServiceAccount)
        {
            Subdomain(diagnostics, source, $"{path}.name", identity.Name);
        }

        if (identity.NamespaceWasSet)
        {
            Label(diagnostics, source, $"{path}.namespace", identity.Namespace);
        }
    }

    private static void Subdomain(List<Diagnostic> diagnostics, ResourceRef source, string path, string? value)
    {
        if (!string.IsNullOrEmpty(value) && KubernetesNames.SubdomainProblem(value) is { } problem)
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.InvalidName, source, path, $"Invalid value: {KubernetesNames.Quote(value)}: {problem}"));
        }
    }

    private static void Label(List<Diagnostic> diagnostics, ResourceRef source, string path, string? value)
    {
        if (!string.IsNullOrEmpty(value) && KubernetesNames.LabelProblem(value) is { } problem)
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.InvalidName, source, path, $"Invalid value: {KubernetesNames.Quote(value)}: {problem}"));
        }
    }

    private static void Port(List<Diagnostic> diagnostics, ResourceRef source, string path, int port)
    {
        if (port is < SmiBounds.MinPort or > SmiBounds.MaxPort)
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.InvalidPort,
                source,
                path,
                $"Invalid value: {port}: must be between {SmiBounds.MinPort} and {SmiBounds.MaxPort}, "
                + "inclusive"));
        }
    }

    private static void Count<T>(List<Diagnostic> diagnostics, ResourceRef source, string path, ImmutableArray<T> items)
    {
        if (!items.IsDefault && items.Length > SmiBounds.MaxListItems)
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.TooManyItems,
                source,
                path,
                $"Too many: {items.Length}: must have at most {SmiBounds.MaxListItems} items"));
        }
    }

    private static void Length(List<Diagnostic> diagnostics, ResourceRef source, string path, string? value)
    {
        if (value is not null && value.Length > SmiBounds.MaxStringLength)
        {
            diagnostics.Add(Diagnostic.Error(
                SmiReasons.ValueTooLong,
                source,
                path,
                $"Too long: may not be more than {SmiBounds.MaxStringLength} bytes, got {value.Length}"));
        }
    }
}

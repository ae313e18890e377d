using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha2;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// specs.smi-spec.io/v1alpha2 HTTPRouteGroup (top-level matches with headers) to and from <see cref="RouteGroup"/>.
/// </summary>
public sealed class HttpRouteGroupV1Alpha2() : SmiVersion<HTTPRouteGroup, RouteGroup>(
    HTTPRouteGroup.KubeGroup, HTTPRouteGroup.KubeApiVersion, HTTPRouteGroup.KubeKind, HTTPRouteGroup.KubePluralName)
{
    /// <inheritdoc/>
    protected override RouteGroup ToHub(HTTPRouteGroup resource, ConversionContext context) =>
        new(RefOf(resource), [.. (resource.Matches ?? []).Select(m => new RouteMatch(
            m.Name ?? string.Empty,
            m.PathRegex,
            [.. m.Methods ?? []],
            [.. (m.Headers ?? new Dictionary<string, string>()).Select(h => new HeaderMatch(h.Key, h.Value))]))]);

    /// <inheritdoc/>
    protected override HTTPRouteGroup FromHub(RouteGroup hub, ConversionContext context) => new()
    {
        Matches = [.. hub.Matches.Select(m => new HttpMatch
        {
            Name = m.Name,
            PathRegex = m.PathRegex,
            Methods = m.Methods.IsDefaultOrEmpty ? null : [.. m.Methods],
            Headers = m.Headers.IsDefaultOrEmpty ? null : m.Headers.ToDictionary(
                h => h.Name, h => h.ValueRegex, StringComparer.Ordinal),
        })],
    };
}

using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// specs.smi-spec.io/v1alpha4 HTTPRouteGroup to and from <see cref="RouteGroup"/>. The matches of v1alpha2 and v1alpha3
/// have the same shape and convert through it.
/// </summary>
public sealed class HttpRouteGroupV1Alpha4() : SmiVersion<HTTPRouteGroup, RouteGroup>(
    HTTPRouteGroup.KubeGroup, HTTPRouteGroup.KubeApiVersion, HTTPRouteGroup.KubeKind, HTTPRouteGroup.KubePluralName)
{
    /// <inheritdoc/>
    protected override RouteGroup ToHub(HTTPRouteGroup resource, ConversionContext context) =>
        new(RefOf(resource), [.. (resource.Spec.Matches ?? []).Select(ToHub)]);

    /// <inheritdoc/>
    protected override HTTPRouteGroup FromHub(RouteGroup hub, ConversionContext context) => new()
    {
        Spec = new HttpRouteGroupSpec { Matches = [.. hub.Matches.Select(FromHub)] },
    };

    internal static RouteMatch ToHub(HttpMatch match) => new(
        match.Name ?? string.Empty,
        match.PathRegex,
        [.. match.Methods ?? []],
        [.. (match.Headers ?? new Dictionary<string, string>()).Select(h => new HeaderMatch(h.Key, h.Value))]);

    internal static HttpMatch FromHub(RouteMatch match) => new()
    {
        Name = match.Name,
        PathRegex = match.PathRegex,
        Methods = match.Methods.IsDefaultOrEmpty ? null : [.. match.Methods],
        Headers = match.Headers.IsDefaultOrEmpty ? null : match.Headers.ToDictionary(
            h => h.Name, h => h.ValueRegex, StringComparer.Ordinal),
    };
}

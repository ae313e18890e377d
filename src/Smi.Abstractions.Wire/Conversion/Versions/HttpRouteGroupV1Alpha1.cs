using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha1;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// specs.smi-spec.io/v1alpha1 HTTPRouteGroup (top-level matches, no headers) to and from <see cref="RouteGroup"/>.
/// </summary>
public sealed class HttpRouteGroupV1Alpha1() : SmiVersion<HTTPRouteGroup, RouteGroup>(
    HTTPRouteGroup.KubeGroup, HTTPRouteGroup.KubeApiVersion, HTTPRouteGroup.KubeKind, HTTPRouteGroup.KubePluralName)
{
    /// <inheritdoc/>
    protected override RouteGroup ToHub(HTTPRouteGroup resource, ConversionContext context) =>
        new(
            RefOf(resource),
            [.. (resource.Matches ?? []).Select(m => new RouteMatch(
                m.Name ?? string.Empty, m.PathRegex, [.. m.Methods ?? []], []))]);

    /// <inheritdoc/>
    protected override HTTPRouteGroup FromHub(RouteGroup hub, ConversionContext context)
    {
        for (var i = 0; i < hub.Matches.Length; i++)
        {
            if (!hub.Matches[i].Headers.IsDefaultOrEmpty)
            {
                context.ReportLossy(
                    $"matches[{i}].headers",
                    ApiVersion,
                    $"the header conditions of match {hub.Matches[i].Name} "
                        + $"({string.Join(", ", hub.Matches[i].Headers.Select(h => h.Name))}), so the match accepts "
                        + "any headers");
            }
        }

        return new HTTPRouteGroup
        {
            Matches = [.. hub.Matches.Select(m => new HttpMatch
            {
                Name = m.Name,
                PathRegex = m.PathRegex,
                Methods = m.Methods.IsDefaultOrEmpty ? null : [.. m.Methods],
            })],
        };
    }
}

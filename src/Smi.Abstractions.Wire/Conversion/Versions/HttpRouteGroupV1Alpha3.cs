using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha3;
using Next = Smi.Abstractions.Resources.Specs.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// specs.smi-spec.io/v1alpha3 HTTPRouteGroup (<c>spec.matches</c>) to and from <see cref="RouteGroup"/>, through its
/// neighbour v1alpha4, whose shape it has.
/// </summary>
public sealed class HttpRouteGroupV1Alpha3() : SmiVersion<HTTPRouteGroup, RouteGroup>(
    HTTPRouteGroup.KubeGroup, HTTPRouteGroup.KubeApiVersion, HTTPRouteGroup.KubeKind, HTTPRouteGroup.KubePluralName)
{
    /// <inheritdoc/>
    protected override RouteGroup ToHub(HTTPRouteGroup resource, ConversionContext context) =>
        new(RefOf(resource), [.. (resource.Spec.Matches ?? []).Select(m => HttpRouteGroupV1Alpha4.ToHub(ToNext(m)))]);

    /// <inheritdoc/>
    protected override HTTPRouteGroup FromHub(RouteGroup hub, ConversionContext context) => new()
    {
        Spec = new HttpRouteGroupSpec
        {
            Matches = [.. hub.Matches.Select(m => FromNext(HttpRouteGroupV1Alpha4.FromHub(m)))],
        },
    };

    private static Next.HttpMatch ToNext(HttpMatch match) => new()
    {
        Name = match.Name, PathRegex = match.PathRegex, Methods = match.Methods, Headers = match.Headers,
    };

    private static HttpMatch FromNext(Next.HttpMatch match) => new()
    {
        Name = match.Name, PathRegex = match.PathRegex, Methods = match.Methods, Headers = match.Headers,
    };
}

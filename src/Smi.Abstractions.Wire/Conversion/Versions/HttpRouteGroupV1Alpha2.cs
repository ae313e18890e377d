using Smi.Abstractions.Model;
using Smi.Abstractions.Resources.Specs.V1Alpha2;
using Next = Smi.Abstractions.Resources.Specs.V1Alpha4;

namespace Smi.Abstractions.Conversion.Versions;

/// <summary>
/// specs.smi-spec.io/v1alpha2 HTTPRouteGroup (top-level matches with headers) to and from <see cref="RouteGroup"/>,
/// through v1alpha4, whose matches have the same shape.
/// </summary>
public sealed class HttpRouteGroupV1Alpha2() : SmiVersion<HTTPRouteGroup, RouteGroup>(
    HTTPRouteGroup.KubeGroup, HTTPRouteGroup.KubeApiVersion, HTTPRouteGroup.KubeKind, HTTPRouteGroup.KubePluralName)
{
    /// <inheritdoc/>
    protected override RouteGroup ToHub(HTTPRouteGroup resource, ConversionContext context) =>
        new(RefOf(resource), [.. (resource.Matches ?? []).Select(m => HttpRouteGroupV1Alpha4.ToHub(ToNext(m)))]);

    /// <inheritdoc/>
    protected override HTTPRouteGroup FromHub(RouteGroup hub, ConversionContext context) => new()
    {
        Matches = [.. hub.Matches.Select(m => FromNext(HttpRouteGroupV1Alpha4.FromHub(m)))],
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

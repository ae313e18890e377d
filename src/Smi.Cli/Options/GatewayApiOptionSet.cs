using System.CommandLine;
using Smi.Adapters.GatewayApi;

namespace Smi.Cli.Options;

/// <summary>The Gateway API options <c>translate</c> and <c>migrate</c> share.</summary>
internal sealed class GatewayApiOptionSet
{
    public Option<string> Version { get; } =
        ChoiceOption.Create("--gateway-api-version", [], ["1.2", "1.5", "1.6"], "1.2");

    public Option<bool> TcpRoutes { get; } = new("--gateway-api-tcp-routes")
    {
        Description = "gateway-api: split opaque TCP ports with TCPRoutes (experimental channel before 1.6).",
    };

    public Option<string> AccessControl { get; } = ChoiceOption.Create(
        "--access-control",
        [],
        ["none", .. new GatewayApiAdapter().AccessControlDelegates.Select(d => d.Name)],
        "none");

    public GatewayApiOptionSet()
    {
        Version.Description = "gateway-api: the Gateway API version to target; only fields it has are written.";
        AccessControl.Description =
            "gateway-api: translate TrafficTargets with this mesh's authorization resources (Gateway API has none).";
    }

    public IEnumerable<Option> All => [Version, TcpRoutes, AccessControl];

    public TranslateSettings Apply(TranslateSettings settings, ParseResult result) => settings with
    {
        GatewayApiVersion = result.GetValue(Version) switch
        {
            "1.6" => GatewayApiVersion.V1_6,
            "1.5" => GatewayApiVersion.V1_5,
            _ => GatewayApiVersion.V1_2,
        },
        GatewayApiTcpRoutes = result.GetValue(TcpRoutes),
        GatewayApiAccessControl = result.GetValue(AccessControl) is { } mesh and not "none"
            ? GatewayApiAdapter.ValueOf(mesh)
            : GatewayApiAccessControl.None,
    };
}

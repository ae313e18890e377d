using System.CommandLine;
using Smi.Adapters.GatewayApi;

namespace Smi.Cli;

/// <summary>The Gateway API options <c>translate</c> and <c>migrate</c> share.</summary>
internal sealed class GatewayApiOptionSet
{
    public Option<string> Version { get; } = new("--gateway-api-version") { Description = "gateway-api: the Gateway API version to target; only fields it has are written.", DefaultValueFactory = _ => "1.2" };

    public Option<bool> TcpRoutes { get; } = new("--gateway-api-tcp-routes") { Description = "gateway-api: split opaque TCP ports with TCPRoutes (experimental channel before 1.6)." };

    public Option<string> AccessControl { get; } = new("--access-control") { Description = "gateway-api: translate TrafficTargets with this mesh's authorization resources (Gateway API has none).", DefaultValueFactory = _ => "none" };

    public GatewayApiOptionSet()
    {
        Version.AcceptOnlyFromAmong("1.2", "1.5", "1.6");
        AccessControl.AcceptOnlyFromAmong("none", "istio", "linkerd");
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
        GatewayApiAccessControl = result.GetValue(AccessControl) switch
        {
            "istio" => GatewayApiAccessControl.Istio,
            "linkerd" => GatewayApiAccessControl.Linkerd,
            _ => GatewayApiAccessControl.None,
        },
    };
}

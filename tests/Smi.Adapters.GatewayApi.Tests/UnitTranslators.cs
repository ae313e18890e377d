using Smi.Abstractions.Translation;
using Smi.Adapters.Consul;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>
/// One translator of each adapter, with default deny where the adapter has it, for the tests that compare a unit's
/// translation on two snapshots. Consul mirrors Kubernetes namespaces: with one Consul namespace its service names are
/// one scope over every namespace, and the controller gives it the whole fleet.
/// </summary>
internal static class UnitTranslators
{
    /// <summary>Istio, Linkerd, Consul (mirrored namespaces), Gateway API with Istio access control and TCP routes,
    /// and Gateway API alone.</summary>
    /// <returns>New translators.</returns>
    public static IMeshTranslator[] All() =>
    [
        new IstioTranslator(new TranslationOptions { DefaultDeny = true }, new IstioOptions()),
        new LinkerdTranslator(new TranslationOptions { DefaultDeny = true }, new LinkerdOptions()),
        new ConsulTranslator(
            new TranslationOptions { DefaultDeny = true }, new ConsulOptions { Namespaces = ConsulNamespaces.Mirror }),
        new GatewayApiTranslator(
            new TranslationOptions { DefaultDeny = true },
            new GatewayApiOptions { AccessControl = GatewayApiAccessControl.Istio, TcpRoutes = true }),
        new GatewayApiTranslator(new TranslationOptions(), new GatewayApiOptions()),
    ];
}

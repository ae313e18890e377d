using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;
using Smi.Kube.Rbac;
using Smi.Testing;

namespace Smi.Controller.Tests;

public sealed class AdapterOutputKindsTests
{
    public static TheoryData<string, string> Variants() => new()
    {
        { "istio", "default" },
        { "istio", "default-deny" },
        { "istio", "v1beta1" },
        { "linkerd", "default" },
        { "linkerd", "policy" },
        { "linkerd", "service-profile" },
        { "linkerd", "default-deny" },
        { "consul", "default" },
        { "consul", "default-deny" },
        { "gateway-api", "default" },
        { "gateway-api", "tcp" },
        { "gateway-api", "tcp-1.6" },
        { "gateway-api", "istio" },
        { "gateway-api", "linkerd" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_Kind_A_Translator_Emits_Is_Watched(string mesh, string variant)
    {
        var translator = Translator(mesh, variant);
        var labels = variant is "istio" or "linkerd" ? [mesh, variant] : new[] { mesh };
        var accessControl = variant is "istio" or "linkerd" ? variant : null;
        var watched = ControllerHarness.Adapters.OutputKinds(mesh, accessControl)
            .Select(k => (k.ApiVersion, k.Kind))
            .ToHashSet();
        var emitted = GoldenCases.All()
            .SelectMany(c => translator.Translate(GoldenTranslation.LoadSnapshot(c)).Resources)
            .Select(r => (r.Ref.ApiVersion, r.Ref.Kind))
            .ToHashSet();
        Assert.NotEmpty(emitted);
        Assert.All(emitted, kind => Assert.Contains(kind, watched));
        Assert.All(translatorLabels(), label => Assert.Contains(label, labels));

        IEnumerable<string> translatorLabels() => GoldenCases.All()
            .SelectMany(c => translator.Translate(GoldenTranslation.LoadSnapshot(c)).Resources)
            .Select(r => r.Object.Metadata.Labels[GeneratedMetadata.MeshLabel])
            .Distinct();
    }

    [Fact]
    public void Rbac_Covers_Every_Output_Kind_Of_Every_Mesh()
    {
        foreach (var adapter in ControllerHarness.Adapters.All)
        {
            var mesh = adapter.Name;
            var rules = ControllerRbac.For(ControllerHarness.Adapters, mesh);
            foreach (var kind in adapter.OutputKinds)
            {
                foreach (var verb in new[] { "get", "list", "watch", "patch", "delete" })
                {
                    Assert.True(ControllerRbac.Allows(rules, kind.Group, kind.Plural, verb), $"{mesh}: {verb} {kind}");
                }
            }
        }
    }

    private static IMeshTranslator Translator(string mesh, string variant) =>
        new ServiceCollection()
            .AddSmi(o => o.DefaultDeny = variant == "default-deny")
            .AddIstio(o => o.ApiVersion = variant == "v1beta1" ? IstioApiVersion.V1Beta1 : IstioApiVersion.V1)
            .AddLinkerd(o =>
            {
                o.RouteApi = variant == "policy" ? LinkerdRouteApi.PolicyV1Beta3 : LinkerdRouteApi.GatewayApiV1;
                o.ServiceProfile = variant == "service-profile";
            })
            .AddConsul()
            .AddGatewayApi(o =>
            {
                o.TcpRoutes = variant.StartsWith("tcp", StringComparison.Ordinal);
                o.Version = variant == "tcp-1.6" ? GatewayApiVersion.V1_6 : GatewayApiVersion.V1_2;
                o.AccessControl = variant switch
                {
                    "istio" => GatewayApiAccessControl.Istio,
                    "linkerd" => GatewayApiAccessControl.Linkerd,
                    _ => GatewayApiAccessControl.None,
                };
            })
            .Services.BuildServiceProvider()
            .GetRequiredService<MeshTranslatorCatalog>()
            .Find(mesh)!;
}

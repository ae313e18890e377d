using Smi.Abstractions.Crds;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>
/// Every object the golden cases produce, with default options and every variant, passes the CRDs of the Gateway API
/// release and channel the options target (and, for delegated access control, the mesh's own CRDs).
/// </summary>
public class GatewayApiCrdSchemaTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryGeneratedObject_IsValidAgainstTheTargetedCrds()
    {
        var crds = RepositoryPaths.Crds;

        var catalogs = new Dictionary<string, CrdCatalog>(StringComparer.Ordinal);
        var failures = new List<string>();
        var checkedObjects = 0;
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var caseName in GoldenCases.All())
        {
            var snapshot = GoldenTranslation.LoadSnapshot(caseName);
            foreach (var variant in GatewayApiOptionGoldenTests.AllVariants.Prepend("default"))
            {
                var translator = variant == "default" ? GatewayApiGoldenTests.DefaultTranslator() : GatewayApiOptionGoldenTests.TranslatorFor(variant);
                var folders = FoldersFor(crds, variant);
                var key = string.Join("|", folders);
                if (!catalogs.TryGetValue(key, out var catalog))
                {
                    catalog = CrdCatalog.Load(folders);
                    catalogs[key] = catalog;
                }

                foreach (var resource in translator.Translate(snapshot).Resources)
                {
                    checkedObjects++;
                    kinds.Add($"{resource.Ref.ApiVersion} {resource.Ref.Kind} [{Path.GetRelativePath(crds, folders[^1])}]");
                    failures.AddRange(catalog.Validate(resource.ToJson()).Select(v => $"{caseName} [{variant}] {resource.Ref}: {v}"));
                }
            }
        }

        output.WriteLine($"{checkedObjects} objects checked: {string.Join("; ", kinds)}.");
        Assert.True(checkedObjects > 0);
        Assert.Contains(kinds, k => k.Contains("TCPRoute", StringComparison.Ordinal));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// The CRD folders for a variant, the Gateway API one last so its HTTPRoute wins over copies bundled with a mesh:
    /// the standard channel, except the experimental one for TCPRoutes before 1.6.
    /// </summary>
    private static string[] FoldersFor(string crds, string variant)
    {
        var options = GatewayApiOptionGoldenTests.TranslatorFor(variant).Options;
        var release = options.Version switch
        {
            GatewayApiVersion.V1_5 => "v1.5.1",
            GatewayApiVersion.V1_6 => "v1.6.1",
            _ => "v1.2.1",
        };
        var channel = options.TcpRoutes && options.Version < GatewayApiVersion.V1_6 ? "experimental" : "standard";
        var gatewayApi = Path.Combine(crds, "gateway-api", release, channel);
        return options.AccessControl switch
        {
            GatewayApiAccessControl.Istio => [Path.Combine(crds, "istio"), gatewayApi],
            GatewayApiAccessControl.Linkerd => [Path.Combine(crds, "linkerd"), gatewayApi],
            _ => [gatewayApi],
        };
    }
}

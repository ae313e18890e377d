using System.CommandLine;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Adapters.Consul;
using Smi.Adapters.Istio;
using Smi.Adapters.Linkerd;

namespace Smi.Cli.Commands;

/// <summary><c>smi translate PATH... --mesh NAME</c>: SMI manifests to a mesh's native resources.</summary>
internal static class TranslateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var mesh = new Option<string>("--mesh", "-m") { Description = "The mesh to translate for.", Required = true };
        var output = new Option<string?>("--output", "-o") { Description = "Write one file per object into this folder instead of standard output." };
        var format = new Option<OutputFormat>("--format") { Description = "yaml or json.", DefaultValueFactory = _ => OutputFormat.Yaml };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "Cluster DNS domain used in host names.", DefaultValueFactory = _ => "cluster.local" };
        var trustDomain = new Option<string>("--trust-domain") { Description = "Mesh trust domain used in workload identities.", DefaultValueFactory = _ => "cluster.local" };
        var defaultDeny = new Option<bool>("--default-deny") { Description = "Reproduce SMI's deny-by-default with the mesh's own means." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print info diagnostics." };
        var checkCrds = new Option<string[]>("--check-crds") { Description = "Check every generated object strictly against the CRDs in these files or folders.", AllowMultipleArgumentsPerToken = false };
        var ns = CommonOptions.DefaultNamespace();
        var consulNamespaces = new Option<ConsulNamespaces>("--consul-namespaces") { Description = "Consul: None (one Consul namespace; a service name used in two Kubernetes namespaces is an error) or Mirror (Consul Enterprise namespace mirroring).", DefaultValueFactory = _ => ConsulNamespaces.None };
        var istioApiVersion = new Option<string>("--istio-api-version") { Description = "Istio: the API version of VirtualService and AuthorizationPolicy (v1beta1 for Istio before 1.22).", DefaultValueFactory = _ => "v1" };
        istioApiVersion.AcceptOnlyFromAmong("v1", "v1beta1");
        var linkerdRouteApi = new Option<string>("--linkerd-route-api") { Description = "Linkerd: the HTTPRoute API to emit.", DefaultValueFactory = _ => "gateway.networking.k8s.io/v1" };
        linkerdRouteApi.AcceptOnlyFromAmong("gateway.networking.k8s.io/v1", "policy.linkerd.io/v1beta3");
        var serviceProfile = new Option<bool>("--service-profile") { Description = "Linkerd: split with ServiceProfile dstOverrides (for clusters that rely on them) instead of HTTPRoutes." };
        var consulDenyNamespace = new Option<string>("--consul-default-deny-namespace") { Description = "Consul: the namespace that holds the wildcard deny intention written by --default-deny.", DefaultValueFactory = _ => "default" };
        var gatewayApi = new GatewayApiOptionSet();
        var limits = new InputLimitOptionSet();
        var command = new Command("translate", "Translate SMI manifests into a mesh's native resources.")
        {
            paths, mesh, output, format, clusterDomain, trustDomain, defaultDeny, ns, verbose, checkCrds, istioApiVersion, linkerdRouteApi, serviceProfile, consulNamespaces, consulDenyNamespace,
        };
        foreach (var option in gatewayApi.All.Concat(limits.All))
        {
            command.Add(option);
        }

        using (var probe = MeshRegistration.Build(new TranslateSettings()))
        {
            var meshes = MeshRegistration.Catalog(probe).Meshes.ToArray();
            mesh.Description = $"The mesh to translate for: {(meshes.Length == 0 ? "(none registered)" : string.Join(", ", meshes))}.";
        }

        command.SetAction(result =>
        {
            var settings = new TranslateSettings
            {
                ClusterDomain = result.GetValue(clusterDomain)!,
                TrustDomain = result.GetValue(trustDomain)!,
                DefaultDeny = result.GetValue(defaultDeny),
                ConsulNamespaces = result.GetValue(consulNamespaces),
                ConsulDefaultDenyNamespace = result.GetValue(consulDenyNamespace)!,
                LinkerdRouteApi = result.GetValue(linkerdRouteApi) == "policy.linkerd.io/v1beta3" ? LinkerdRouteApi.PolicyV1Beta3 : LinkerdRouteApi.GatewayApiV1,
                LinkerdServiceProfile = result.GetValue(serviceProfile),
                IstioApiVersion = result.GetValue(istioApiVersion) == "v1beta1" ? IstioApiVersion.V1Beta1 : IstioApiVersion.V1,
            };
            settings = gatewayApi.Apply(settings, result);
            using var provider = MeshRegistration.Build(settings);
            var catalog = MeshRegistration.Catalog(provider);
            var meshName = result.GetValue(mesh)!;
            if (catalog.Find(meshName) is not { } translator)
            {
                console.Error.WriteLine($"error: unknown mesh \"{meshName}\"; registered meshes: {string.Join(", ", catalog.Meshes)}");
                return ExitCodes.UsageError;
            }

            var loaded = new ManifestLoader
            {
                DefaultNamespace = result.GetValue(ns)!,
                Limits = limits.Apply(result),
            }.LoadPaths(
                result.GetValue(paths)!, console.In);
            var snapshot = SnapshotBuilder.FromLoadResult(loaded);
            var translation = translator.Translate(snapshot);
            var diagnostics = snapshot.Diagnostics.Concat(translation.Diagnostics).ToList();
            if (result.GetValue(checkCrds) is { Length: > 0 } crdPaths)
            {
                var missing = crdPaths.FirstOrDefault(p => !File.Exists(p) && !Directory.Exists(p));
                if (missing is not null)
                {
                    console.Error.WriteLine($"error: --check-crds {missing}: no such file or folder");
                    return ExitCodes.UsageError;
                }

                diagnostics.AddRange(CrdCheck.Run(CrdCatalog.Load(crdPaths), translation.Resources));
            }

            DiagnosticPrinter.Print(console.Error, diagnostics, result.GetValue(verbose));
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                console.Error.WriteLine("nothing written: fix the errors above and run again");
                return ExitCodes.InputErrors;
            }

            ManifestOutput.Write([.. translation.Resources.Select(r => r.ToJson())], result.GetValue(format), result.GetValue(output), console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}

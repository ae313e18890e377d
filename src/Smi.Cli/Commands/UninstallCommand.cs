using System.CommandLine;
using Smi.Cli.Install;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi uninstall --mesh NAME</c>: prints what <c>smi install</c> created, in the order to delete it
/// (<c>smi uninstall --mesh istio | kubectl delete -f -</c>).
/// </summary>
internal static class UninstallCommand
{
    public const string CrdWarning =
        "warning: deleting the SMI CustomResourceDefinitions deletes every SMI object in the cluster (TrafficSplits, "
        + "TrafficTargets, HTTPRouteGroups, TCPRoutes, UDPRoutes) and, through their owner references, the mesh "
        + "resources generated from them: traffic splitting and access control stop. Delete them only when no "
        + "controller of any mesh is left and the SMI objects are no longer wanted.";

    public const string ConversionOwnerNote =
        "note: this controller owns the SMI CRDs' conversion, whose webhook calls its Service: once it is gone, "
        + "reinstall a mesh that stays with --crd-conversion (the default) so that its controller takes conversion "
        + "over.";

    public static Command Create(CliConsole console)
    {
        var mesh = MeshOption.Create("The mesh whose controller to remove.", InstallableMeshes.All());
        var ns = new Option<string>("--namespace", "-n")
        {
            Description = "The namespace the controller runs in.",
            DefaultValueFactory = _ => "smi-system",
        };
        var accessControl = new Option<string?>("--access-control")
        {
            Description = "gateway-api only: the --access-control the controller was installed with.",
        };
        accessControl.AcceptOnlyFromAmong(InstallableMeshes.AccessControlDelegates());
        var crds = new Option<bool>("--crds")
        {
            Description = "Also delete the SMI CRDs, and with them every SMI object in the cluster.",
        };
        var keepShared = new Option<bool>("--keep-shared")
        {
            Description = "Keep what another mesh's install creates too (the TrafficMetrics APIServices and the SMI "
                + "CRDs, whose names are cluster-wide): for removing one mesh's controller while others stay.",
        };
        var metricsApi = new Option<bool>("--metrics-api")
        {
            Description = "The --metrics-api the controller was installed with: without it the TrafficMetrics "
                + "APIServices belong to another mesh's install and are not listed.",
            DefaultValueFactory = _ => true,
        };
        var crdConversion = new Option<bool>("--crd-conversion")
        {
            Description = "The --crd-conversion the controller was installed with: only one mesh's controller owns "
                + "the SMI CRDs' conversion, and only its install creates (and --crds deletes) the CRDs.",
            DefaultValueFactory = _ => true,
        };
        var namespaces = new WatchedNamespacesOption(
            "The --namespaces the controller was installed with: its Roles and RoleBindings there are listed too.");
        var output = new ManifestOutputOptions(directory: false);
        var command = new Command(
            "uninstall",
            "Print what smi install created for one mesh, in a safe order to delete it: webhook configurations and "
            + "APIServices first, then the controller, its Services and RBAC; the SMI CRDs only with --crds.")
        {
            mesh, ns, accessControl, crds, keepShared, metricsApi, crdConversion, namespaces.Option,
        };
        foreach (var option in output.All)
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi uninstall --mesh istio | kubectl delete --ignore-not-found -f -",
            "smi uninstall --mesh istio --keep-shared -o name",
            "smi uninstall --mesh linkerd --crds | kubectl delete --ignore-not-found -f -");
        command.SetAction(result =>
        {
            var meshName = result.GetValue(mesh)!;
            var delegateMesh = result.GetValue(accessControl);
            if (InstallableMeshes.Check(console.Error, meshName, delegateMesh) is { } usageError)
            {
                return usageError;
            }

            var withCrds = result.GetValue(crds);
            var keep = result.GetValue(keepShared);
            if (withCrds && keep)
            {
                console.Error.WriteLine("error: --crds deletes what every controller uses; not with --keep-shared");
                return ExitCodes.UsageError;
            }

            var ownsConversion = result.GetValue(crdConversion);
            if (withCrds && !ownsConversion)
            {
                console.Error.WriteLine("error: --crds with --crd-conversion=false: the SMI CRDs belong to the "
                    + "install of the mesh that owns CRD conversion; uninstall that one with --crds");
                return ExitCodes.UsageError;
            }

            if (namespaces.Of(result, console.Error) is not { } watched)
            {
                return ExitCodes.UsageError;
            }

            var references = UninstallManifests.Build(
                new InstallSettings
                {
                    Mesh = meshName,
                    Namespace = result.GetValue(ns)!,
                    AccessControl = delegateMesh,
                    MetricsApi = result.GetValue(metricsApi),
                    CrdConversion = ownsConversion,
                    Namespaces = watched,
                },
                withCrds,
                keep);
            if (keep && ownsConversion)
            {
                console.Error.WriteLine(ConversionOwnerNote);
            }

            console.Error.WriteLine(withCrds
                ? CrdWarning
                : $"note: the SMI CRDs (and every SMI object) and the namespace {result.GetValue(ns)} are kept; "
                  + "--crds also deletes the CRDs.");
            ManifestOutput.Write(references, output.FormatOf(result), directory: null, console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}

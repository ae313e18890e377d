using System.CommandLine;
using Smi.Cli.Install;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi install --mesh NAME</c>: prints everything a cluster needs to run the controller for one mesh.
/// </summary>
internal static class InstallCommand
{
    public static Command Create(CliConsole console)
    {
        var mesh = MeshOption.Create("The mesh the controller translates for.", InstallableMeshes.All());
        var ns = new Option<string>("--namespace", "-n")
        {
            Description = "The namespace the controller runs in.",
            DefaultValueFactory = _ => "smi-system",
        };
        var image = new Option<string>("--image")
        {
            Description = "The controller image (default: the image of this smi's own version).",
            DefaultValueFactory = _ => ToolVersion.DefaultImage,
        };
        var replicas = new Option<int>("--replicas")
        {
            Description = "Controller replicas (leader election picks the one that writes).",
            DefaultValueFactory = _ => 1,
        };
        var defaultDeny = new Option<bool>("--default-deny")
        {
            Description = "Reproduce SMI's deny-by-default with the mesh's own means.",
        };
        var certManager = new Option<string?>("--cert-manager-certificate")
        {
            Description =
                "namespace/name of a cert-manager Certificate whose Secret holds the serving certificate (needed " +
                "with more than one replica); without it the controller makes a self-signed one and writes its CA " +
                "bundle.",
        };
        var certManagerIssuer = new Option<string?>("--cert-manager-issuer")
        {
            Description = "With --cert-manager-certificate: the Issuer (a name in the Certificate's namespace, or "
                + "ClusterIssuer/NAME) that signs it; without it a self-signed Issuer is emitted.",
        };
        var metricsApi = new Option<bool>("--metrics-api")
        {
            Description = "Serve the TrafficMetrics API (the v1alpha1 and v1alpha2 metrics.smi-spec.io APIServices). "
                + "An APIService name is cluster-wide, so only one mesh's controller can serve it: pass "
                + "--metrics-api=false for a second mesh.",
            DefaultValueFactory = _ => true,
        };
        var crdConversion = new Option<bool>("--crd-conversion")
        {
            Description = "Own the SMI CRDs' conversion: emit the CRDs with their conversion webhook calling this "
                + "controller, which writes its CA bundle into them. The CRDs are cluster-wide and shared by every "
                + "mesh's controller, so only one mesh's controller can own conversion: pass --crd-conversion=false "
                + "for a second mesh (its install then emits no CRDs and its controller never writes them).",
            DefaultValueFactory = _ => true,
        };
        var scraperNamespace = new Option<string>("--metrics-scraper-namespace")
        {
            Description = "The namespace whose Prometheus may reach the controller's metrics port "
                + "through the NetworkPolicy.",
            DefaultValueFactory = _ => "monitoring",
        };
        var prometheus = new Option<string?>("--prometheus")
        {
            Description = "The Prometheus URL the TrafficMetrics API reads.",
        };
        var namespaces = new WatchedNamespacesOption(
            "Comma-separated namespaces the controller watches: it gets a Role and RoleBinding in each of them "
            + "instead of cluster-wide grants (default: all namespaces, with a ClusterRole).");
        var accessControl = new Option<string?>("--access-control")
        {
            Description =
                "gateway-api only: translate TrafficTargets with this mesh's authorization resources (istio or " +
                "linkerd).",
        };
        accessControl.AcceptOnlyFromAmong(InstallableMeshes.AccessControlDelegates());
        var output = new ManifestOutputOptions(directory: false);
        const string summary = "Print the manifests that run the controller for one mesh: SMI CRDs (unless "
            + "--crd-conversion=false), ServiceAccount, "
            + "RBAC, Deployment, Services, NetworkPolicy, PodDisruptionBudget (more than one replica), validating "
            + "webhook, the TrafficMetrics APIServices and, with cert-manager, the Certificate and Issuer. "
            + "Every object but the Namespace and the CRDs is named per mesh.";
        var command = new Command("install", summary)
        {
            mesh, ns, image, replicas, defaultDeny, certManager, certManagerIssuer, metricsApi, crdConversion,
            scraperNamespace, prometheus, accessControl, namespaces.Option,
        };
        foreach (var option in output.All)
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi install --mesh istio | kubectl apply --server-side -f -",
            "smi install --mesh linkerd --prometheus http://prometheus.linkerd-viz:9090 -o json",
            "smi install --mesh istio --namespaces shop,payments",
            "smi install --mesh gateway-api --access-control linkerd --replicas 2 "
                + "--cert-manager-certificate smi-system/smi-webhooks");
        command.SetAction(result =>
        {
            var meshName = result.GetValue(mesh)!;
            var delegateMesh = result.GetValue(accessControl);
            if (InstallableMeshes.Check(console.Error, meshName, delegateMesh) is { } usageError)
            {
                return usageError;
            }

            var certificate = result.GetValue(certManager);
            if (certificate is not null && certificate.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                console.Error.WriteLine(
                    $"error: --cert-manager-certificate must be namespace/name, not \"{certificate}\"");
                return ExitCodes.UsageError;
            }

            if (result.GetValue(replicas) > 1 && certificate is null)
            {
                console.Error.WriteLine("error: --replicas above 1 needs --cert-manager-certificate: each replica "
                    + "would otherwise generate its own CA and the API server would trust only one of them");
                return ExitCodes.UsageError;
            }

            if (result.GetValue(certManagerIssuer) is not null && certificate is null)
            {
                console.Error.WriteLine("error: --cert-manager-issuer needs --cert-manager-certificate");
                return ExitCodes.UsageError;
            }

            if (namespaces.Of(result, console.Error) is not { } watched)
            {
                return ExitCodes.UsageError;
            }

            var manifests = InstallManifests.Build(new InstallSettings
            {
                Mesh = meshName,
                Namespace = result.GetValue(ns)!,
                Image = result.GetValue(image)!,
                Replicas = result.GetValue(replicas),
                DefaultDeny = result.GetValue(defaultDeny),
                CertManagerCertificate = certificate,
                CertManagerIssuer = result.GetValue(certManagerIssuer),
                MetricsApi = result.GetValue(metricsApi),
                CrdConversion = result.GetValue(crdConversion),
                MetricsScraperNamespace = result.GetValue(scraperNamespace)!,
                PrometheusUrl = result.GetValue(prometheus),
                AccessControl = delegateMesh,
                Namespaces = watched,
            });
            ManifestOutput.Write(manifests, output.FormatOf(result), directory: null, console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}

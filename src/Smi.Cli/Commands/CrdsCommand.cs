using System.CommandLine;
using Smi.Abstractions.Crds;
using Smi.Cli.Install;
using Smi.Cli.Options;
using Smi.Webhooks.Manifests;

namespace Smi.Cli.Commands;

/// <summary><c>smi crds</c>: CustomResourceDefinitions for every SMI kind, generated from the typed models.</summary>
internal static class CrdsCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new ManifestOutputOptions(directory: true);
        var webhook = new Option<bool>("--conversion-webhook")
        {
            Description =
                "Serve every version through the controller's conversion webhook (conversion: Webhook) instead of " +
                "only the versions that share the storage schema.",
        };
        var ns = new Option<string>("--namespace", "-n")
        {
            Description = "With --conversion-webhook: the namespace of the controller's webhook Service.",
            DefaultValueFactory = _ => "smi-system",
        };
        var mesh = MeshOption.Create(
            "With --conversion-webhook: the mesh whose controller owns CRD conversion (its webhook Service is "
                + "named per mesh, as 'smi install' names it).",
            InstallableMeshes.All());
        mesh.Required = false;
        var command = new Command(
            "crds",
            "Print CustomResourceDefinitions for every SMI kind. Each stores the latest released version; other " +
                "versions are served only where their schema is the same (use 'smi convert' to move older objects).")
        {
            webhook, ns, mesh,
        };
        foreach (var option in output.All)
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi crds | kubectl apply --server-side -f -",
            "smi crds --conversion-webhook --mesh istio -n smi-system -o json",
            "smi crds --output-dir crds/");
        command.SetAction(result =>
        {
            if (output.Check(result, console.Error) is { } usageError)
            {
                return usageError;
            }

            var meshName = result.GetValue(mesh);
            if (result.GetValue(webhook) && meshName is null)
            {
                console.Error.WriteLine("error: --conversion-webhook needs --mesh: the webhook Service it points "
                    + "at is named per mesh (smi-adapter-MESH-webhooks)");
                return ExitCodes.UsageError;
            }

            if (meshName is not null && InstallableMeshes.Check(console.Error, meshName, null) is { } meshError)
            {
                return meshError;
            }

            IReadOnlyList<System.Text.Json.Nodes.JsonObject> crds = result.GetValue(webhook)
                ? WebhookManifests.Crds(InstallManifests.WebhookOptionsFor(
                    new InstallSettings { Mesh = meshName!, Namespace = result.GetValue(ns)! }))
                : SmiCrdGenerator.Generate();
            ManifestOutput.Write([.. crds], output.FormatOf(result), output.DirectoryOf(result), console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}

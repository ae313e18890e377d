using System.CommandLine;
using Smi.Abstractions.Crds;
using Smi.Cli.Install;
using Smi.Webhooks.Manifests;

namespace Smi.Cli.Commands;

/// <summary><c>smi crds</c>: CustomResourceDefinitions for every SMI kind, generated from the typed models.</summary>
internal static class CrdsCommand
{
    public static Command Create(CliConsole console)
    {
        var format = new Option<OutputFormat>("--format") { Description = "yaml or json.", DefaultValueFactory = _ => OutputFormat.Yaml };
        var output = new Option<string?>("--output", "-o") { Description = "Write one file per CRD into this folder instead of standard output." };
        var webhook = new Option<bool>("--conversion-webhook") { Description = "Serve every version through the controller's conversion webhook (conversion: Webhook) instead of only the versions that share the storage schema." };
        var ns = new Option<string>("--namespace", "-n") { Description = "With --conversion-webhook: the namespace of the controller's webhook Service.", DefaultValueFactory = _ => "smi-system" };
        var command = new Command(
            "crds",
            "Print CustomResourceDefinitions for every SMI kind. Each stores the latest released version; other versions are served only where their schema is the same (use 'smi convert' to move older objects).")
        {
            format, output, webhook, ns,
        };
        command.SetAction(result =>
        {
            IReadOnlyList<System.Text.Json.Nodes.JsonObject> crds = result.GetValue(webhook)
                ? WebhookManifests.Crds(InstallManifests.WebhookOptionsFor(new InstallSettings { Mesh = string.Empty, Namespace = result.GetValue(ns)! }))
                : SmiCrdGenerator.Generate();
            ManifestOutput.Write([.. crds], result.GetValue(format), result.GetValue(output), console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}

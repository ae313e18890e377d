using System.CommandLine;
using System.Text.Json.Nodes;
using DiffPlex.Renderer;
using Microsoft.Extensions.DependencyInjection;
using Smi.Abstractions.Adapters;
using Smi.Abstractions.Translation;
using Smi.Cli.Cluster;
using Smi.Cli.Install;
using Smi.Cli.Options;
using Smi.Kube;
using Smi.Kube.Api;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi diff --mesh NAME</c>: a unified diff between what the controller would apply for the cluster's SMI objects
/// and the outputs in the cluster, exiting as <c>kubectl diff</c> does: 0 when equal, 1 when they differ, more on
/// error.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliConsole console)
    {
        var meshes = InstallableMeshes.All();
        var mesh = MeshOption.Create($"The mesh the controller translates for: {string.Join(", ", meshes)}.", meshes);
        var ns = new Option<string>("--namespace", "-n")
        {
            Description = "The namespace to compare (default: the context's).",
        };
        var cluster = new ClusterOptionSet();
        var translation = new TranslateOptionSet();
        var fieldManager = new Option<string>("--field-manager")
        {
            Description = "The controller's server-side apply field manager.",
            DefaultValueFactory = _ => ControllerConventions.FieldManager,
        };
        var command = new Command(
            "diff",
            "Show what the controller would change in the cluster: a unified diff between the translation of the "
            + "cluster's SMI objects and the outputs there (creates, updates, and prunes of outputs with the "
            + "controller's labels that nothing wants). Exit 0: no difference; 1: differences; 2 or 3: error.")
        {
            mesh, ns, fieldManager,
        };
        foreach (var option in cluster.All.Concat(translation.All))
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi diff --mesh istio",
            "smi diff --mesh linkerd -n shop --context prod",
            "smi diff --mesh consul -A --kubeconfig ~/.kube/prod");
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = translation.Settings(result);
            using var provider = MeshRegistration.Build(settings);
            var meshName = result.GetValue(mesh)!;
            if (MeshRegistration.Catalog(provider).Find(meshName) is not { } translator)
            {
                console.Error.WriteLine($"error: unknown mesh \"{meshName}\"; meshes: {string.Join(", ", meshes)}");
                return ExitCodes.UsageError;
            }

            using var target = cluster.Connect(result, ns, console.Error);
            if (target is null)
            {
                return ExitCodes.ClusterError;
            }

            if (await CommandInputs.ReadAsync(target, console.Error, cancellationToken).ConfigureAwait(false)
                is not { } inputs)
            {
                return ExitCodes.ClusterError;
            }

            var (_, translated, diagnostics) = TranslationRun.Run(translator, inputs.Loaded);
            DiagnosticPrinter.Print(console.Error, diagnostics, false);
            var accessControl = MeshRegistration.AccessControlDelegate(provider, translator.Mesh);
            List<string> outputMeshes = accessControl is null ? [translator.Mesh] : [translator.Mesh, accessControl];
            var outputKinds = ResourceKinds.OutputsOf(
                provider.GetRequiredService<MeshAdapterCatalog>(), translator.Mesh, accessControl);
            IReadOnlyList<JsonObject> live;
            try
            {
                live = await ListOutputsAsync(
                        target, outputMeshes, outputKinds, translated, console.Error, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (ClusterErrors.Describe(e, target) is { } message)
            {
                console.Error.WriteLine(message);
                return ExitCodes.ClusterError;
            }

            var changes = OutputDiff.Compare(translated.Resources, live, result.GetValue(fieldManager)!);
            foreach (var change in changes)
            {
                console.Out.Write(Unified(change));
            }

            console.Error.WriteLine(
                $"{changes.Count(c => c.Action == OutputAction.Create)} to create, "
                + $"{changes.Count(c => c.Action == OutputAction.Update)} to update, "
                + $"{changes.Count(c => c.Action == OutputAction.Prune)} to prune");
            return changes.Count == 0 ? ExitCodes.Success : ExitCodes.InputErrors;
        });
        return command;
    }

    /// <summary>
    /// The outputs with the controller's labels, in the namespace read (or all), of every output kind the cluster
    /// serves; a desired output whose kind is not served is said so, as the controller cannot apply it.
    /// </summary>
    private static async Task<IReadOnlyList<JsonObject>> ListOutputsAsync(
        ClusterTarget target,
        IReadOnlyList<string> meshes,
        IEnumerable<ResourceKind> outputKinds,
        TranslationResult translated,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var reader = new ClusterInputReader(target.Client);
        var kinds = await reader.ServedKindsAsync(outputKinds, cancellationToken)
            .ConfigureAwait(false);
        foreach (var missing in translated.Resources
            .Select(r => r.Ref)
            .Where(r => !kinds.Any(k => k.Group == r.Group && k.Kind == r.Kind))
            .Select(r => $"{r.ApiVersion} {r.Kind}")
            .Distinct(StringComparer.Ordinal))
        {
            await error.WriteLineAsync($"warning: {missing} is not served by the cluster; the controller cannot apply "
                + "it until its CRD is installed").ConfigureAwait(false);
        }

        var selector = $"{GeneratedMetadata.ManagedByLabel}={GeneratedMetadata.ManagedByValue},"
            + $"{GeneratedMetadata.MeshLabel} in ({string.Join(",", meshes)})";
        var live = new List<JsonObject>();
        foreach (var kind in kinds)
        {
            var items = await reader.ListAsync(kind, target.Namespace, selector, cancellationToken)
                .ConfigureAwait(false);
            live.AddRange(items.Select(i => JsonNode.Parse(i.GetRawText())).OfType<JsonObject>());
        }

        return live;
    }

    private static string Unified(OutputChange change)
    {
        var text = UnidiffRenderer.GenerateUnidiff(
            change.Live,
            change.Desired,
            change.Action == OutputAction.Create ? "/dev/null" : $"live/{change.Name}",
            change.Action == OutputAction.Prune ? "/dev/null" : $"desired/{change.Name}",
            ignoreWhitespace: false,
            ignoreCase: false,
            contextLines: 3);
        return text.EndsWith('\n') ? text : text + "\n";
    }
}

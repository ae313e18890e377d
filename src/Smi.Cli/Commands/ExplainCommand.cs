using System.CommandLine;
using System.Text.Json.Nodes;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Serialization;
using Smi.Cli.Cluster;
using Smi.Cli.Explain;
using Smi.Cli.Install;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi explain</c> in two forms: <c>--split NS/ROOT</c>, the share each backend of a root Service gets per request
/// class under SMI's meaning and under the mesh's generated resources; and <c>--from ... --to ...</c>, whether SMI
/// and the generated resources allow one request and what decides.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths(required: false);
        var meshes = InstallableMeshes.All();
        var mesh = MeshOption.Create($"The mesh whose generated resources are compared: {string.Join(", ", meshes)}.",
            meshes);
        var split = new Option<string?>("--split")
        {
            Description = "Explain a split: the root Service of the TrafficSplits, as NAMESPACE/NAME (NAME alone uses "
                + "--namespace).",
            HelpName = "NS/ROOT",
        };
        var request = new AccessRequestOptionSet();
        var output = ChoiceOption.Create("--output", ["-o"], ["text", "yaml", "json"], "text");
        output.Description = "text (default), yaml or json (the access form).";
        var ns = CommonOptions.DefaultNamespace(readsCluster: true);
        var cluster = new ClusterOptionSet();
        var translation = new TranslateOptionSet();
        var inputs = new CommandInputs(paths, ns, cluster);
        var command = new Command(
            "explain",
            "With --split, show for each request class of a root Service (each A/B match and the other requests) the "
            + "share each backend gets under SMI and under the mesh's generated resources, flagging disagreements "
            + $"beyond {SplitExplanation.TolerancePoints} point. With --from and --to, say whether SMI allows a "
            + "request and which TrafficTarget and rule decide, and whether the generated resources allow it and "
            + $"which object decides. Exit {ExitCodes.Disagreement} when SMI and the mesh disagree."
            + CommandInputs.HelpNote)
        {
            paths, split, mesh, ns, output,
        };
        foreach (var option in request.All.Concat(translation.All).Concat(cluster.All))
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi explain --split shop/checkout --mesh istio samples/ab-testing",
            "smi explain --from shop/web --to shop/api --port 8080 --path /api/orders --mesh linkerd "
            + "samples/access-control",
            "smi explain --from shop/deploy/web --to shop/svc/api --method DELETE --path /api/orders -H x-user=a "
            + "--mesh istio --default-deny samples/access-control",
            "kubectl kustomize overlays/prod | smi explain --split shop/web --mesh consul -",
            "smi explain --from monitoring/prometheus --to shop/api --path /metrics --mesh istio -n shop");
        command.SetAction(async (result, cancellationToken) =>
        {
            var splitValue = result.GetValue(split);
            if (splitValue is not null && request.Given(result))
            {
                console.Error.WriteLine(
                    "error: --split and --from/--to are two forms of explain: give --split NS/ROOT, or --from and "
                    + "--to");
                return ExitCodes.UsageError;
            }

            if (splitValue is null && !request.Given(result))
            {
                console.Error.WriteLine("error: give --split NS/ROOT to explain a split, or --from and --to to explain "
                    + "a request");
                return ExitCodes.UsageError;
            }

            if (splitValue is not null && result.GetValue(output) != "text")
            {
                console.Error.WriteLine("error: -o yaml|json applies to --from/--to; --split prints text");
                return ExitCodes.UsageError;
            }

            var defaultNamespace = result.GetValue(ns)!;
            AccessQuery? query = null;
            string rootNamespace = defaultNamespace, rootName = string.Empty;
            if (splitValue is null)
            {
                query = request.Query(result, defaultNamespace, console.Error);
                if (query is null)
                {
                    return ExitCodes.UsageError;
                }
            }
            else
            {
                var slash = splitValue.IndexOf('/', StringComparison.Ordinal);
                (rootNamespace, rootName) = slash < 0
                    ? (defaultNamespace, splitValue)
                    : (splitValue[..slash], splitValue[(slash + 1)..]);
                if (rootNamespace.Length == 0 || rootName.Length == 0
                    || rootName.Contains('/', StringComparison.Ordinal))
                {
                    console.Error.WriteLine($"error: --split {splitValue}: expected NAMESPACE/NAME");
                    return ExitCodes.UsageError;
                }
            }

            var settings = translation.Settings(result);
            using var provider = MeshRegistration.Build(settings);
            var meshName = result.GetValue(mesh)!;
            if (MeshRegistration.Catalog(provider).Find(meshName) is not { } translator
                || MeshSplitEvaluators.For(meshName) is not { } splitEvaluator)
            {
                console.Error.WriteLine($"error: unknown mesh \"{meshName}\"; meshes: {string.Join(", ", meshes)}");
                return ExitCodes.UsageError;
            }

            var (loaded, exitCode) = await inputs.LoadAsync(result, InputLimits.Default, console, cancellationToken)
                .ConfigureAwait(false);
            if (loaded is null)
            {
                return exitCode;
            }

            var (snapshot, translated, diagnostics) = TranslationRun.Run(translator, loaded);
            DiagnosticPrinter.Print(console.Error, diagnostics, false);
            var inputErrors = splitValue is null
                ? TranslationRun.Locate(snapshot.Diagnostics, loaded).Any(d => d.Severity == DiagnosticSeverity.Error)
                : diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            if (inputErrors)
            {
                console.Error.WriteLine("nothing explained: fix the errors above and run again");
                return ExitCodes.InputErrors;
            }

            IReadOnlyList<JsonObject> resources = [.. translated.Resources.Select(r => r.ToJson())];
            if (query is not null)
            {
                if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    console.Error.WriteLine($"note: {meshName} refused some input (errors above), so smi translate "
                        + "would write nothing; the mesh side below is judged on what the translation still generated");
                }

                if (AccessCases.Resolve(snapshot, query, out var error) is not { } cases)
                {
                    console.Error.WriteLine($"error: {error}");
                    return ExitCodes.InputErrors;
                }

                var accessEvaluator = MeshAccessEvaluators.For(meshName, settings, snapshot)!;
                var accessDisagreements = AccessExplanation.Write(console.Out, result.GetValue(output)!, snapshot,
                    resources, meshName, accessEvaluator, cases, settings.TrustDomain);
                return accessDisagreements == 0 ? ExitCodes.Success : ExitCodes.Disagreement;
            }

            if (!snapshot.Splits.Any(s => s.Namespace == rootNamespace && s.RootService == rootName))
            {
                console.Error.WriteLine($"error: no TrafficSplit has the root Service {rootNamespace}/{rootName}");
                return ExitCodes.InputErrors;
            }

            if (snapshot.FindService(rootNamespace, rootName) is not { } root)
            {
                console.Error.WriteLine($"error: the root Service {rootNamespace}/{rootName} is not in the input");
                return ExitCodes.InputErrors;
            }

            var disagreements = SplitExplanation.Write(
                console.Out, snapshot, resources, meshName, splitEvaluator, root);
            return disagreements == 0 ? ExitCodes.Success : ExitCodes.Disagreement;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Json.Nodes;
using Smi.Abstractions.Conversion;
using Smi.Abstractions.Diagnostics;
using Smi.Abstractions.Resources;
using Smi.Abstractions.Serialization;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi convert PATH... --to VERSION</c>: SMI objects rewritten into another version of their group.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var to = new Option<string>("--to")
        {
            Description =
                "Target version (v1alpha1..v1alpha4) for every SMI group, or group/version to convert one group only.",
            Required = true,
        };
        var headers = ChoiceOption.Create("--header-encoding", [], ["list", "map"], "list");
        headers.Description = "HTTPRouteGroup headers as a list of one-entry maps (canonical CRDs) or a map.";
        var output = new ManifestOutputOptions(directory: true);
        var command = new Command(
            "convert", "Rewrite SMI objects into another version of their group; other objects pass through unchanged.")
        {
            paths, to, headers,
        };
        var limits = new InputLimitOptionSet();
        foreach (var option in output.All.Concat(limits.All))
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi convert manifests/ --to v1alpha4",
            "smi convert manifests/ --to split.smi-spec.io/v1alpha2 -o json",
            "smi convert manifests/ --to v1alpha3 --output-dir converted/");
        command.SetAction(result =>
        {
            if (output.Check(result, console.Error) is { } usageError)
            {
                return usageError;
            }

            var target = result.GetValue(to)!;
            var (targetGroup, targetVersion) = target.Contains('/', StringComparison.Ordinal)
                ? (target[..target.IndexOf('/', StringComparison.Ordinal)],
                    target[(target.IndexOf('/', StringComparison.Ordinal) + 1)..])
                : (null, target);
            if (!SmiVersions.All.Any(
                v => v.Version == targetVersion && (targetGroup is null || v.Group == targetGroup)))
            {
                var known = string.Join(
                    ", ", SmiVersions.All.Select(v => v.ApiVersion).Distinct().Order(StringComparer.Ordinal));
                console.Error.WriteLine($"error: no SMI kind has version {target}; known: {known}");
                return ExitCodes.UsageError;
            }

            var loaded = new ManifestLoader { Limits = limits.Apply(result) }
                .LoadPaths(result.GetValue(paths)!, console.In);
            var diagnostics = new List<Diagnostic>(loaded.Diagnostics);
            var outputs = new List<JsonObject>();
            foreach (var item in loaded.Objects)
            {
                if (item.Resource is not SmiObject smi || (targetGroup is not null && item.Ref.Group != targetGroup))
                {
                    outputs.Add(item.Json);
                    continue;
                }

                var converted = Convert(smi, item, targetVersion, diagnostics);
                if (converted is not null)
                {
                    if (converted["kind"]?.ToString() == "HTTPRouteGroup" && result.GetValue(headers) == "list")
                    {
                        HeaderEncoding.ConvertToList(converted);
                    }

                    outputs.Add(converted);
                }
            }

            DiagnosticPrinter.Print(console.Error, diagnostics, includeInfo: false);
            if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                console.Error.WriteLine("nothing written: fix the errors above and run again");
                return ExitCodes.InputErrors;
            }

            ManifestOutput.Write(outputs, output.FormatOf(result), output.DirectoryOf(result), console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject? Convert(
        SmiObject smi, LoadedObject item, string targetVersion, List<Diagnostic> diagnostics)
    {
        var source = SmiVersions.Find(smi.ApiVersion, smi.Kind)!;
        var destination = SmiVersions.Find($"{source.Group}/{targetVersion}", source.Kind);
        if (destination is null)
        {
            var available = string.Join(", ", SmiVersions.VersionsOf(source.Group, source.Kind).Select(v => v.Version));
            diagnostics.Add(Diagnostic.Error(SmiReasons.VersionNotAvailable, item.Ref, "apiVersion",
                $"{source.Kind} has no version {targetVersion}; it exists in "
                + $"{available}") with { Location = item.Location });
            return null;
        }

        var context = new ConversionContext(item.Ref);
        var hub = source.ToHub(smi, context);
        var typed = destination.FromHub(hub, smi.Metadata, context);
        diagnostics.AddRange(context.Diagnostics.Select(d => d with { Location = item.Location }));
        var json = ManifestWriter.ToJsonObject(typed);
        if (item.Json["metadata"] is JsonObject originalMetadata && !originalMetadata.ContainsKey("namespace")
            && json["metadata"] is JsonObject metadata)
        {
            metadata.Remove("namespace");
        }

        return json;
    }
}

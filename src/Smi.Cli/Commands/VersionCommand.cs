using System.CommandLine;
using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using Smi.Cli.Cluster;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi version</c>: the client's version, as <c>kubectl version</c> prints it, and with a cluster the controllers'
/// versions and the served SMI versions.
/// </summary>
internal static class VersionCommand
{
    /// <summary>Why no controller version is printed: no cluster was read.</summary>
    public const string ControllerNote =
        "note: the controller's version and the SMI versions a cluster serves are printed only with a reachable "
        + "cluster (--kubeconfig, --context); the controller image of this version is ";

    public static Command Create(CliConsole console)
    {
        var output = ChoiceOption.Create("--output", ["-o"], ["text", "yaml", "json"], "text");
        output.Description = "text (default), yaml or json.";
        var ns = new Option<string>("--namespace", "-n")
        {
            Description = "The namespace the controllers are installed in.",
            DefaultValueFactory = _ => "smi-system",
        };
        var cluster = new ClusterOptionSet(allNamespaces: false);
        var command = new Command(
            "version",
            "Print the version of this smi (the client) and, when a kubeconfig is given or found, the versions of "
            + "the controllers installed in the cluster and the SMI versions it serves.")
        {
            output, ns,
        };
        foreach (var option in cluster.All)
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command, "smi version", "smi version -o json", "kubectl smi version", "smi version --context prod");
        command.SetAction(async (result, cancellationToken) =>
        {
            ClusterVersions? versions = null;
            var exitCode = ExitCodes.Success;
            if (cluster.Requested(result) || cluster.KubeconfigFound(result))
            {
                using var target = cluster.Connect(result, null, console.Error);
                exitCode = ExitCodes.ClusterError;
                if (target is not null)
                {
                    try
                    {
                        versions = await ClusterVersions
                            .ReadAsync(target.Client, result.GetValue(ns)!, cancellationToken)
                            .ConfigureAwait(false);
                        exitCode = ExitCodes.Success;
                    }
                    catch (Exception e) when (ClusterErrors.Describe(e, target) is { } message)
                    {
                        await console.Error.WriteLineAsync(message).ConfigureAwait(false);
                    }
                }
            }

            var json = new JsonObject { ["clientVersion"] = ToolVersion.Current };
            if (versions is not null)
            {
                json["controllerVersions"] = new JsonArray([.. versions.Controllers.Select(c =>
                    (JsonNode)new JsonObject { ["deployment"] = c.Deployment, ["version"] = c.Version })]);
                json["smiVersions"] = new JsonObject(versions.SmiVersions.Select(v =>
                    KeyValuePair.Create(v.Crd, (JsonNode?)new JsonArray([.. v.Served.Select(s => (JsonNode)s)]))));
            }

            switch (result.GetValue(output))
            {
                case "json":
                    console.Out.WriteLine(json.ToJsonString());
                    break;
                case "yaml":
                    console.Out.Write(
                        versions is null ? $"clientVersion: {ToolVersion.Current}\n" : ManifestWriter.ToYaml(json));
                    break;
                default:
                    console.Out.WriteLine($"Client Version: {ToolVersion.Current}");
                    foreach (var (deployment, version) in versions?.Controllers ?? [])
                    {
                        console.Out.WriteLine($"Controller Version: {version} ({deployment})");
                    }

                    foreach (var (crd, served) in versions?.SmiVersions ?? [])
                    {
                        console.Out.WriteLine($"SMI Versions: {crd} {string.Join(", ", served)}");
                    }

                    break;
            }

            if (versions is null)
            {
                console.Error.WriteLine(ControllerNote + ToolVersion.DefaultImage);
            }
            else if (versions.Controllers.Count == 0)
            {
                console.Error.WriteLine(
                    $"note: no controller is installed in namespace {result.GetValue(ns)} (smi install --mesh NAME)");
            }

            return exitCode;
        });
        return command;
    }
}

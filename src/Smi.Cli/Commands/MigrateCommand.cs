using System.CommandLine;
using Smi.Adapters.GatewayApi.Migration;
using Smi.Cli.Options;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi migrate PATH... --to gateway-api --output-dir DIR</c>: rewrites a folder of manifests so every SMI object
/// is replaced by its Gateway API (and mesh authorization) equivalent; every other document is kept byte for byte.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var to = ChoiceOption.Create("--to", [], ["gateway-api"], fallback: null);
        to.Description = "What to migrate to.";
        to.Required = true;
        var output = new OutputDirectoryOption("The folder to write the migrated tree and MIGRATION-REPORT.md into.");
        var force = new Option<bool>("--force")
        {
            Description = "Write even when the input has errors (the exit code stays 1).",
        };
        var clusterDomain = new Option<string>("--cluster-domain")
        {
            Description = "Cluster DNS domain used in host names.",
            DefaultValueFactory = _ => "cluster.local",
        };
        var trustDomain = new Option<string>("--trust-domain")
        {
            Description = "Mesh trust domain used in workload identities.",
            DefaultValueFactory = _ => "cluster.local",
        };
        var defaultDeny = new Option<bool>("--default-deny")
        {
            Description = "With --access-control: reproduce SMI's deny-by-default with that mesh's means.",
        };
        var gatewayApi = new GatewayApiOptionSet();
        var limits = new InputLimitOptionSet();
        var command = new Command(
            "migrate",
            "Replace every SMI object of a manifest tree (a GitOps repository) with Gateway API routes and the " +
            "mesh's authorization; other documents are kept byte for byte; a report lists each replacement.")
        {
            paths, to, output.Directory, output.Legacy, force, clusterDomain, trustDomain, defaultDeny,
        };
        foreach (var option in gatewayApi.All.Concat(limits.All))
        {
            command.Add(option);
        }

        CommandExamples.Add(
            command,
            "smi migrate gitops/ --to gateway-api --output-dir migrated/",
            "smi migrate gitops/ --to gateway-api --access-control linkerd --output-dir migrated/ --force");
        command.SetAction(result =>
        {
            if (output.Of(result, console.Error) is not { } outputDirectory)
            {
                return ExitCodes.UsageError;
            }

            var settings = gatewayApi.Apply(
                new TranslateSettings
                {
                    ClusterDomain = result.GetValue(clusterDomain)!,
                    TrustDomain = result.GetValue(trustDomain)!,
                    DefaultDeny = result.GetValue(defaultDeny),
                },
                result);
            using var provider = MeshRegistration.Build(settings);
            var translator = MeshRegistration.Catalog(provider).Find("gateway-api")!;
            var migration = new SmiMigration(translator).Run(new MigrationOptions
            {
                Paths = result.GetValue(paths)!,
                OutputDirectory = outputDirectory,
                Force = result.GetValue(force),
                Limits = limits.Apply(result),
            });
            DiagnosticPrinter.Print(console.Error, migration.Diagnostics, includeInfo: false);
            if (migration.Written)
            {
                console.Out.WriteLine(
                    $"{migration.Objects.Count} SMI object(s) migrated, {migration.Files.Count} file(s) written to "
                    + $"{outputDirectory}; see {MigrationResult.ReportFileName} there");
            }
            else
            {
                console.Error.WriteLine("nothing written: fix the errors above, or pass --force");
            }

            return migration.ExitCode;
        });
        return command;
    }
}

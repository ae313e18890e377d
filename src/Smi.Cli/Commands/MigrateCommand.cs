using System.CommandLine;
using Smi.Adapters.GatewayApi.Migration;

namespace Smi.Cli.Commands;

/// <summary>
/// <c>smi migrate PATH... --to gateway-api -o DIR</c>: rewrites a folder of manifests so every SMI object is replaced
/// by its Gateway API (and mesh authorization) equivalent; every other document is kept byte for byte.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = CommonOptions.Paths();
        var to = new Option<string>("--to") { Description = "What to migrate to.", Required = true };
        to.AcceptOnlyFromAmong("gateway-api");
        var output = new Option<string>("--output", "-o") { Description = "The folder to write the migrated tree and MIGRATION-REPORT.md into.", Required = true };
        var force = new Option<bool>("--force") { Description = "Write even when the input has errors (the exit code stays 1)." };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "Cluster DNS domain used in host names.", DefaultValueFactory = _ => "cluster.local" };
        var trustDomain = new Option<string>("--trust-domain") { Description = "Mesh trust domain used in workload identities.", DefaultValueFactory = _ => "cluster.local" };
        var defaultDeny = new Option<bool>("--default-deny") { Description = "With --access-control: reproduce SMI's deny-by-default with that mesh's means." };
        var gatewayApi = new GatewayApiOptionSet();
        var limits = new InputLimitOptionSet();
        var command = new Command("migrate", "Replace every SMI object of a manifest tree (a GitOps repository) with Gateway API routes and the mesh's authorization; other documents are kept byte for byte; a report lists each replacement.")
        {
            paths, to, output, force, clusterDomain, trustDomain, defaultDeny,
        };
        foreach (var option in gatewayApi.All.Concat(limits.All))
        {
            command.Add(option);
        }

        command.SetAction(result =>
        {
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
                OutputDirectory = result.GetValue(output)!,
                Force = result.GetValue(force),
                Limits = limits.Apply(result),
            });
            DiagnosticPrinter.Print(console.Error, migration.Diagnostics, includeInfo: false);
            if (migration.Written)
            {
                console.Out.WriteLine($"{migration.Objects.Count} SMI object(s) migrated, {migration.Files.Count} file(s) written to {result.GetValue(output)}; see {MigrationResult.ReportFileName} there");
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

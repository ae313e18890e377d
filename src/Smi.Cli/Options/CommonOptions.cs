using System.CommandLine;

namespace Smi.Cli.Options;

/// <summary>Arguments and options several commands share.</summary>
internal static class CommonOptions
{
    /// <param name="required">Whether at least one is needed; commands that can read a cluster take none.</param>
    public static Argument<string[]> Paths(bool required = true)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Manifest files or folders (YAML or JSON, multi-document); - reads standard input."
                + (required ? string.Empty : " None: read the cluster of the kubeconfig."),
            Arity = required ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore,
        };
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value.StartsWith('-')))
            {
                result.AddError($"unknown option {token.Value}");
            }
        });
        return paths;
    }

    /// <param name="readsCluster">
    /// Whether the command can read a cluster, where the option names the namespace read.
    /// </param>
    public static Option<string> DefaultNamespace(bool readsCluster = false) => new("--namespace", "-n")
    {
        Description = "Namespace for objects that name none"
            + (readsCluster ? "; reading a cluster, the namespace read (default: the context's)." : "."),
        DefaultValueFactory = _ => "default",
    };
}

using System.CommandLine;
using k8s;
using Smi.Kube.Kubeconfig;

namespace Smi.Cli.Cluster;

/// <summary>
/// <c>--kubeconfig</c>, <c>--context</c> and <c>-A</c>, with the meaning kubectl gives them; with <c>-n</c>, which
/// commands that also read files already have, they say which cluster and namespaces a command reads.
/// </summary>
internal sealed class ClusterOptionSet
{
    private readonly Option<string?> _kubeconfig = new("--kubeconfig")
    {
        Description = "The kubeconfig file of the cluster to read (default: $KUBECONFIG, then ~/.kube/config).",
        HelpName = "FILE",
    };

    private readonly Option<string?> _context = new("--context")
    {
        Description = "The kubeconfig context to use (default: the current context).",
        HelpName = "NAME",
    };

    private readonly Option<bool> _allNamespaces = new("--all-namespaces", "-A")
    {
        Description = "Read every namespace of the cluster, not only -n NAMESPACE or the context's namespace.",
    };

    public ClusterOptionSet(bool allNamespaces = true)
    {
        All = allNamespaces ? [_kubeconfig, _context, _allNamespaces] : [_kubeconfig, _context];
    }

    public IReadOnlyList<Option> All { get; }

    /// <summary>Whether the command line names a cluster (a kubeconfig, a context, or all namespaces).</summary>
    public bool Requested(ParseResult result) =>
        result.GetValue(_kubeconfig) is not null || result.GetValue(_context) is not null
        || result.GetValue(_allNamespaces);

    /// <summary>Whether a kubeconfig is given or found where kubectl looks for one.</summary>
    public bool KubeconfigFound(ParseResult result) =>
        result.GetValue(_kubeconfig) is not null || KubeconfigFiles.Default().Count > 0;

    /// <summary>
    /// Connects to the cluster of the kubeconfig and context. The namespace scope is, as in kubectl: all with
    /// <c>-A</c>, else <c>-n</c> when given, else the context's namespace, else <c>default</c>.
    /// </summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="ns">The command's <c>-n</c>; null when it reads every namespace anyway.</param>
    /// <param name="error">Where an unusable kubeconfig is reported.</param>
    /// <returns>The target, or null when the kubeconfig cannot be used (reported).</returns>
    public ClusterTarget? Connect(ParseResult result, Option<string>? ns, TextWriter error)
    {
        var explicitPath = result.GetValue(_kubeconfig);
        var files = explicitPath is not null ? [explicitPath] : KubeconfigFiles.Default();
        var shown = files.Count > 0 ? string.Join(Path.PathSeparator, files) : KubeconfigFiles.DefaultPath;
        if (files.Count == 0)
        {
            error.WriteLine($"error: no kubeconfig: {KubeconfigFiles.DefaultPath} does not exist and KUBECONFIG is not "
                + "set; give --kubeconfig FILE, or manifest files as PATH");
            return null;
        }

        KubernetesClientConfiguration config;
        try
        {
            // A KUBECONFIG list is merged as kubectl merges it: the first file to set a value wins.
            config = KubeconfigFiles.Configuration(files, result.GetValue(_context));
        }
        catch (Exception e) when (ClusterErrors.DescribeKubeconfig(e, shown) is { } message)
        {
            error.WriteLine(message);
            return null;
        }

        config.HttpClientTimeout = TimeSpan.FromSeconds(30);
        var scope = result.GetValue(_allNamespaces)
            ? null
            : ns is not null && result.GetResult(ns) is { Implicit: false }
                ? result.GetValue(ns)
                : string.IsNullOrEmpty(config.Namespace) ? "default" : config.Namespace;
        return new ClusterTarget(new Kubernetes(config), config.Host, config.CurrentContext ?? string.Empty, scope);
    }
}

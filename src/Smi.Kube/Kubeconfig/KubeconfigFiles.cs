using k8s;
using k8s.KubeConfigModels;

namespace Smi.Kube.Kubeconfig;

/// <summary>
/// Merges the files of a <c>KUBECONFIG</c> list as kubectl does
/// (https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/#merging-kubeconfig-files):
/// the first file to set <c>current-context</c> wins, and of clusters, users and contexts with the same name the
/// first one read wins. Relative file paths in a file (certificate authority, client certificate and key) are read
/// from that file's folder.
/// </summary>
/// <remarks>
/// KubernetesClient merges a list only in <c>BuildDefaultConfig</c>, which takes no context and fails on a listed
/// file that does not exist (kubectl skips it), and resolves every relative path from the first file's folder; this
/// is that merge, written here for those three differences. Each file is read by <see cref="KubeconfigReader"/>.
/// </remarks>
internal static class KubeconfigFiles
{
    /// <summary>Where kubectl looks for a kubeconfig when <c>KUBECONFIG</c> is not set.</summary>
    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");

    /// <summary>
    /// The kubeconfig files kubectl reads: those of the <c>KUBECONFIG</c> list that exist, else
    /// <see cref="DefaultPath"/> if it exists; empty when there is none.
    /// </summary>
    public static List<string> Default()
    {
        var variable = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrEmpty(variable))
        {
            return [.. variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists)];
        }

        return File.Exists(DefaultPath) ? [DefaultPath] : [];
    }

    /// <summary>The client configuration of the merged files and a context (null: their current context).</summary>
    public static KubernetesClientConfiguration Configuration(IReadOnlyList<string> files, string? context) =>
        KubernetesClientConfiguration.BuildConfigFromConfigObject(Merge(files), context);

    /// <summary>Reads and merges the files, in order.</summary>
    public static K8SConfiguration Merge(IReadOnlyList<string> files)
    {
        K8SConfiguration? merged = null;
        var clusters = new List<k8s.KubeConfigModels.Cluster>();
        var users = new List<User>();
        var contexts = new List<Context>();
        foreach (var file in files)
        {
            var config = KubeconfigReader.Read(file);
            var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? string.Empty;
            merged ??= config;
            merged.CurrentContext = string.IsNullOrEmpty(merged.CurrentContext)
                ? config.CurrentContext
                : merged.CurrentContext;
            foreach (var cluster in config.Clusters ?? [])
            {
                if (cluster.ClusterEndpoint is { } endpoint)
                {
                    endpoint.CertificateAuthority = Absolute(folder, endpoint.CertificateAuthority);
                }

                AddFirst(clusters, cluster, c => c.Name);
            }

            foreach (var user in config.Users ?? [])
            {
                if (user.UserCredentials is { } credentials)
                {
                    credentials.ClientCertificate = Absolute(folder, credentials.ClientCertificate);
                    credentials.ClientKey = Absolute(folder, credentials.ClientKey);
                }

                AddFirst(users, user, u => u.Name);
            }

            foreach (var context in config.Contexts ?? [])
            {
                AddFirst(contexts, context, c => c.Name);
            }
        }

        merged!.Clusters = clusters;
        merged.Users = users;
        merged.Contexts = contexts;
        return merged;
    }

    private static void AddFirst<T>(List<T> items, T item, Func<T, string> name)
    {
        if (!items.Any(i => name(i) == name(item)))
        {
            items.Add(item);
        }
    }

    private static string? Absolute(string folder, string? path) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.Combine(folder, path);
}

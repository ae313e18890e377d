using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Abstractions.Serialization;
using Smi.Testing;
using Smi.Testing.ApiServer;

namespace Smi.Cli.Tests;

/// <summary>
/// A loopback API server with the SMI CRDs (and, on request, a mesh's CRDs) and a kubeconfig file that points at it,
/// for the commands that read a cluster.
/// </summary>
internal sealed class LiveCluster : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;

    private LiveCluster(LoopbackApiServer server, DirectoryInfo folder, string kubeconfig)
    {
        Server = server;
        _folder = folder;
        Kubeconfig = kubeconfig;
    }

    public LoopbackApiServer Server { get; }

    /// <summary>The kubeconfig file: one context, <c>loopback</c>, whose namespace is <c>shop</c>.</summary>
    public string Kubeconfig { get; }

    public static async Task<LiveCluster> StartAsync(params string[] meshCrdPaths)
    {
        var server = await LoopbackApiServer.StartAsync(new LoopbackApiServerOptions
        {
            Namespaces = ["default", "kube-system", "smi-system"],
            CrdPaths = [.. meshCrdPaths.Select(p => Path.Combine(RepositoryPaths.Crds, p))],
        });
        foreach (var crd in SmiCrdGenerator.Generate())
        {
            server.Seed(crd);
        }

        var folder = Directory.CreateTempSubdirectory("smi-live-");
        var kubeconfig = Path.Combine(folder.FullName, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, KubeconfigText(server.Url));
        return new LiveCluster(server, folder, kubeconfig);
    }

    /// <summary>
    /// The text of a kubeconfig whose only context points at <paramref name="url"/>, as the cluster admin
    /// (<see cref="LoopbackApiServer.AdminToken"/>): the CLI is run by whoever installs the controller.
    /// </summary>
    public static string KubeconfigText(string url) =>
        LoopbackKubeconfig.Text(url, LoopbackApiServer.AdminToken, "shop");

    /// <summary>Creates every object of the manifests in the server, as kubectl apply would.</summary>
    public void Seed(string yaml)
    {
        var loaded = new ManifestLoader().LoadText(yaml, "seed.yaml");
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity == Abstractions.Diagnostics.DiagnosticSeverity.Error);
        foreach (var obj in loaded.Objects)
        {
            Server.Seed(obj.Json);
        }
    }

    /// <summary>Creates one object given as JSON.</summary>
    public JsonObject Seed(JsonObject obj) => Server.Seed(obj);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}

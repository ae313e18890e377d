using System.Text.Json;
using System.Text.Json.Nodes;
using Smi.Abstractions.Crds;
using Smi.Testing;
using Smi.Testing.ApiServer;

namespace Smi.Fleet;

/// <summary>
/// The loopback API server in a process of its own (the hidden <c>serve</c> subcommand). It listens on 127.0.0.1 with
/// the mesh's CRDs and the SMI CRDs installed, prints <c>url URL</c>, and then answers one command per line of standard
/// input with one line, until standard input closes:
/// <list type="bullet">
/// <item><c>seed FOLDER</c>: seeds every document of the fleet's YAML files, one file at a time (no requests
/// recorded); answers <c>{"documents":N}</c>.</item>
/// <item><c>clear</c>: forgets the recorded requests; <c>writes</c>: the recorded writes counted by
/// <see cref="WriteClassifier"/>, as a JSON object.</item>
/// <item><c>get ADDRESS</c>: the stored object as JSON, or <c>null</c>; <c>version ADDRESS</c>: its resource version,
/// or <c>-</c> (ADDRESS as <see cref="StoredObjectAddress.ToCommandArguments"/> writes it).</item>
/// <item><c>expect FILE</c>: takes the expected outputs that <see cref="FleetExpectation"/> wrote as what is pending;
/// <c>pending</c>: drops the pending outputs now stored with the expected <c>spec</c> and answers
/// <c>{"pending":N,"first":"..."}</c>.</item>
/// <item><c>settle</c>: a full collection, then resets the peak working set.</item>
/// </list>
/// A command that fails answers <c>error MESSAGE</c>.
/// </summary>
public static class FleetApiServer
{
    /// <summary>Serves until the input closes or the run is cancelled.</summary>
    /// <param name="mesh">The mesh whose CRDs are installed.</param>
    /// <param name="watchHistory">How many watch events the server keeps for watches that resume.</param>
    /// <param name="input">The commands.</param>
    /// <param name="output">The answers.</param>
    /// <param name="cancellationToken">Stops serving.</param>
    /// <returns>0.</returns>
    public static async Task<int> ServeAsync(string mesh, int watchHistory, TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        await using var server = await LoopbackApiServer.StartAsync(new LoopbackApiServerOptions
        {
            Namespaces = ["default"],
            CrdPaths = MeshCrds(RepositoryPaths.Crds, mesh),
            WatchHistoryLimit = watchHistory,
        }, cancellationToken).ConfigureAwait(false);
        foreach (var crd in SmiCrdGenerator.Generate())
        {
            server.Seed(crd);
        }

        await output.WriteLineAsync("url " + server.Url).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        var pending = new Dictionary<StoredObjectAddress, JsonNode?>();
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            string answer;
            try
            {
                answer = Answer(server, line, pending);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or JsonException or ArgumentException or FormatException or UnauthorizedAccessException)
            {
                answer = "error " + e.Message.ReplaceLineEndings(" ");
            }

            await output.WriteLineAsync(answer).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>The CRD files of a mesh under the repository's CRD folder.</summary>
    /// <param name="crds">The CRD folder.</param>
    /// <param name="mesh">The mesh.</param>
    /// <returns>The files or folders.</returns>
    public static string[] MeshCrds(string crds, string mesh) => mesh switch
    {
        "istio" => Directory.GetFiles(Path.Combine(crds, "istio"), "*.*.*.yaml"),
        // What `linkerd install --crds` gives a cluster: Linkerd's own and the Gateway API routes it bundles, which its
        // HTTPRoutes and TCPRoutes are.
        "linkerd" =>
        [
            .. Directory.GetFiles(Path.Combine(crds, "linkerd"), "*.yaml"),
            .. Directory.GetFiles(Path.Combine(crds, "linkerd", "gateway-api-bundled"), "*.yaml"),
        ],
        "consul" => Directory.GetFiles(Path.Combine(crds, "consul"), "*.yaml"),
        "gateway-api" => [Path.Combine(crds, "gateway-api", "v1.2.1", "standard")],
        _ => throw new ArgumentException($"no CRDs known for {mesh}", nameof(mesh)),
    };

    private static string Answer(LoopbackApiServer server, string line, Dictionary<StoredObjectAddress, JsonNode?> pending)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var rest = words.Length > 1 ? line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..] : string.Empty;
        switch (words.FirstOrDefault())
        {
            case "seed":
                return new JsonObject { ["documents"] = Seed(server, rest) }.ToJsonString();
            case "clear":
                server.ClearRequests();
                return "ok";
            case "writes":
                return JsonSerializer.Serialize(WriteClassifier.Count(server.Writes));
            case "get":
                return Find(server, StoredObjectAddress.FromCommandArguments(words[1..]))?.ToJsonString() ?? "null";
            case "version":
                return Read(
                    server,
                    StoredObjectAddress.FromCommandArguments(words[1..]),
                    stored => (string?)stored?["metadata"]?["resourceVersion"]) ?? "-";
            case "expect":
                pending.Clear();
                foreach (var expected in File.ReadLines(rest).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!.AsObject()))
                {
                    // What the server stores of the output: its spec with the CRD's defaults filled in (the Gateway
                    // API's HTTPRoute, which Linkerd and the Gateway API mesh write, has several).
                    var address = FleetExpectation.ReadAddress(expected);
                    var stored = new JsonObject { ["spec"] = expected["spec"]?.DeepClone() };
                    server.ApplyDefaults(address.ApiVersion, address.Plural, stored);
                    pending[address] = stored["spec"]?.DeepClone();
                }

                return new JsonObject { ["expected"] = pending.Count }.ToJsonString();
            case "pending":
                foreach (var (address, spec) in pending)
                {
                    if (Read(server, address, stored => stored is not null && JsonNode.DeepEquals(stored["spec"], spec)))
                    {
                        pending.Remove(address);
                    }
                }

                return new JsonObject
                {
                    ["pending"] = pending.Count,
                    ["first"] = pending.Keys.Select(a => a.ToString()).Order(StringComparer.Ordinal).FirstOrDefault(),
                }.ToJsonString();
            case "settle":
                ProcessMemory.Settle();
                return "ok";
            default:
                return "error unknown command: " + line;
        }
    }

    private static int Seed(LoopbackApiServer server, string folder)
    {
        var documents = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var document in FleetJson.Documents(File.ReadAllText(file)))
            {
                server.Seed(document);
                documents++;
            }
        }

        return documents;
    }

    private static JsonObject? Find(LoopbackApiServer server, StoredObjectAddress address) =>
        server.Find(address.ApiVersion, address.Plural, address.Namespace, address.Name);

    // The looks at pending outputs and resource versions come often: they read the stored object without a copy.
    private static T Read<T>(LoopbackApiServer server, StoredObjectAddress address, Func<JsonObject?, T> read) =>
        server.Read(address.ApiVersion, address.Plural, address.Namespace, address.Name, read);
}

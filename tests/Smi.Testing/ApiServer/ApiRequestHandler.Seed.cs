using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>Direct create-or-replace for fixtures, through the same code path as the API (without recording or faults).</summary>
internal sealed partial class ApiRequestHandler
{
    private const string SeedManager = "loopback-seed";

    public JsonObject Seed(JsonObject obj)
    {
        var apiVersion = Text(obj, "apiVersion") ?? throw new InvalidOperationException("apiVersion is required");
        var kind = Text(obj, "kind") ?? throw new InvalidOperationException("kind is required");
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var type = registry.InGroupVersion(group, version).FirstOrDefault(t => t.Kind == kind)
            ?? throw new InvalidOperationException($"{kind} in {apiVersion} is not served; install its CRD first");
        var metadata = obj["metadata"] as JsonObject ?? throw new InvalidOperationException("metadata is required");
        var name = Text(metadata, "name") ?? throw new InvalidOperationException("metadata.name is required");
        var ns = type.Namespaced ? Text(metadata, "namespace") ?? "default" : null;
        var route = new ApiRoute(type, ns, name, null);
        Seeding.Value = true;
        try
        {
            lock (store.Gate)
            {
                return store.Find(route.Key) is { } current
                    ? Persist(route, InRequestVersion(type, current), obj, SeedManager, dryRun: false).Result
                    : CreateLocked(route, obj, SeedManager, UpdateOperation, dryRun: false);
            }
        }
        catch (ApiErrorException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
        finally
        {
            Seeding.Value = false;
        }
    }
}

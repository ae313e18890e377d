using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Smi.Testing.ApiServer;

/// <summary>get and list (with label and field selectors, limit and continue).</summary>
internal sealed partial class ApiRequestHandler
{
    private JsonObject Get(ApiRoute route)
    {
        lock (store.Gate)
        {
            var stored = store.Find(route.Key) ?? throw NotFound(route);
            return Render(route.Type, stored.Object);
        }
    }

    /// <summary>
    /// A list, paginated as kube-apiserver does (<c>k8s.io/apiserver/pkg/storage/etcd3/store.go</c>, GetList): with
    /// <c>limit</c> a page and a continue token; every later page is read at the first page's resource version, and
    /// a token whose version has since been compacted (<see cref="LoopbackApiServer.Compact"/>) is 410 Expired.
    /// </summary>
    private JsonObject List(ApiRoute route, IQueryCollection query)
    {
        var labels = LabelSelection.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var parsedLimit)
            ? parsedLimit
            : 0;
        var token = query["continue"].ToString() is { Length: > 0 } text ? ContinueToken.Decode(text) : null;
        if (token is not null)
        {
            ContinuedList?.Invoke(
                new ContinuedListRequest(route.Type.Group, route.Type.Plural, route.Namespace, token.ResourceVersion));
        }

        var items = new JsonArray();
        string? next = null;
        var remaining = 0;
        long rv;
        lock (store.Gate)
        {
            rv = token is { ResourceVersion: > 0 } ? token.ResourceVersion : store.ResourceVersion;
            var state = store.StateAt(route.Type.StorageKey, route.Namespace, rv, token?.StartKey);
            if (state is null)
            {
                throw new ApiErrorException(KubernetesStatus.ContinueExpired(token!.WithNewest().Encode()));
            }

            foreach (var (key, stored) in state)
            {
                if (!labels.Matches(stored) || !fields.Matches(stored))
                {
                    continue;
                }

                if (limit > 0 && items.Count == limit)
                {
                    remaining++;
                    continue;
                }

                var item = Render(route.Type, stored);
                if (route.Type.Crd is null)
                {
                    item.Remove("apiVersion");
                    item.Remove("kind");
                }

                items.Add(item);
                next = EtcdKeyOrder.Position(key);
            }
        }

        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (remaining > 0 && next is not null)
        {
            metadata["continue"] = new ContinueToken(rv, next + "\0").Encode();

            // ListMeta.remainingItemCount: with a label or field selector the number is unknown, and left unset
            // (k8s.io/apimachinery/pkg/apis/meta/v1/types.go; etcd3 store GetList counts only when the predicate is
            // empty).
            if (labels.Requirements.Count == 0 && fields.IsEmpty)
            {
                metadata["remainingItemCount"] = remaining;
            }
        }

        return new JsonObject
        {
            ["kind"] = route.Type.ListKind,
            ["apiVersion"] = route.Type.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = items,
        };
    }

    /// <summary>
    /// The stored object as served in the requested version: through the CRD's conversion webhook when it has one and
    /// the versions differ; otherwise the apiVersion is rewritten, as with CRD conversion strategy None.
    /// </summary>
    private JsonObject Render(ResourceType type, JsonObject stored)
    {
        if (NeedsConversion(type, stored))
        {
            return Webhooks.Convert(type.Crd!, stored, type.ApiVersion);
        }

        return Rewrite(type, stored);
    }

    /// <summary>Whether serving the stored object in the requested version goes through the CRD's conversion webhook.</summary>
    private static bool NeedsConversion(ResourceType type, JsonObject stored) =>
        type.Crd?.ConversionWebhook is not null && Text(stored, "apiVersion") is { } storedVersion
        && storedVersion != type.ApiVersion;

    private static JsonObject Rewrite(ResourceType type, JsonObject stored)
    {
        var copy = (JsonObject)stored.DeepClone();
        var result = new JsonObject { ["apiVersion"] = type.ApiVersion, ["kind"] = type.Kind };
        foreach (var (key, value) in copy.ToList())
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            copy.Remove(key);
            result[key] = value;
        }

        return result;
    }

    private static ApiErrorException NotFound(ApiRoute route) =>
        new(KubernetesStatus.NotFound(route.Type.Group, route.Type.Plural, route.Name ?? string.Empty));
}

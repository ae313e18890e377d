using System.Net;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using Polly;
using Smi.Kube;
using Smi.Kube.Api;

namespace Smi.Controller.Cache;

/// <summary>
/// Lists one kind page by page, as client-go's pager does (<c>k8s.io/client-go/tools/pager/pager.go</c>, with
/// <c>FullListIfExpired</c>, the setting its reflector uses): every page after the first is read at the first page's
/// resource version; when the server answers 410 Expired to a continue token (the version has been compacted), the
/// pages read so far are dropped and the list is made again from the start in one request, so the result is one
/// consistent snapshot.
/// </summary>
internal sealed class ListPager(KubeApi api, ResiliencePipeline pipeline, ControllerMetrics metrics, ILogger logger)
{
    /// <summary>All objects of the kind, in pages of <paramref name="pageSize"/> (0 for one request).</summary>
    public async Task<ObjectList> ListAsync(
        ResourceKind kind,
        string? ns,
        string? labelSelector,
        int pageSize,
        CancellationToken cancellationToken)
    {
        var all = new List<System.Text.Json.JsonElement>();
        string? resourceVersion = null;
        string? next = null;
        var pages = 0;
        do
        {
            var requested = next;
            var page = await pipeline.ExecuteAsync(
                async token =>
                {
                    try
                    {
                        return await api.ListAsync(kind, ns, labelSelector, pageSize, requested, token)
                            .ConfigureAwait(false);
                    }
                    catch (HttpOperationException e) when (requested is not null
                        && e.Response?.StatusCode == HttpStatusCode.Gone)
                    {
                        // Retrying the same token cannot succeed: the version it reads at is gone.
                        return null;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                Log.ListContinueExpired(logger, kind.ToString(), ns ?? "*", pages);
                metrics.Errors.WithLabels("list-expired").Inc();
                return await pipeline.ExecuteAsync(
                    async token => await api.ListAsync(kind, ns, labelSelector, 0, null, token).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
            }

            pages++;
            all.AddRange(page.Items);
            resourceVersion ??= page.ResourceVersion;
            next = page.Continue;
        }
        while (next is not null);

        return new ObjectList(all, resourceVersion);
    }
}

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
/// consistent snapshot. Each page is read into what the caller keeps of its objects as it arrives, and dropped: the
/// JSON of a kind's pages is never held all at once.
/// </summary>
internal sealed class ListPager(KubeApi api, ResiliencePipeline pipeline, ControllerMetrics metrics, ILogger logger)
{
    /// <summary>
    /// All objects of the kind, in pages of <paramref name="pageSize"/> (0 for one request), each read by
    /// <paramref name="read"/> as its page arrives; with the list's resource version.
    /// </summary>
    public async Task<(List<T> Items, string? ResourceVersion)> ListAsync<T>(
        ResourceKind kind,
        string? ns,
        string? labelSelector,
        int pageSize,
        Func<System.Text.Json.JsonElement, T> read,
        CancellationToken cancellationToken)
    {
        var all = new List<T>();
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
                var whole = await pipeline.ExecuteAsync(
                    async token => await api.ListAsync(kind, ns, labelSelector, 0, null, token).ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                return ([.. whole.Items.Select(read)], whole.ResourceVersion);
            }

            pages++;
            all.AddRange(page.Items.Select(read));
            resourceVersion ??= page.ResourceVersion;
            next = page.Continue;
        }
        while (next is not null);

        return (all, resourceVersion);
    }
}

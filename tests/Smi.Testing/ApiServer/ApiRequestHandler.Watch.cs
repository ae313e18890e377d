using Smi.Abstractions.Selectors;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Watch: a chunked stream of newline-delimited JSON events. Without a resource version (or with "0") the current
/// objects come first as ADDED; with one, the logged changes after it are replayed, or an ERROR event with a 410
/// Expired Status is sent when that history is gone. Selector transitions become ADDED/DELETED as on a real server.
/// </summary>
internal sealed partial class ApiRequestHandler
{
    private async Task<int> WatchAsync(HttpContext context, ApiRequestInfo info, ApiRoute route)
    {
        var query = context.Request.Query;
        var labels = LabelSelection.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        var duration = options.MaxWatchDuration;
        if (int.TryParse(query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && TimeSpan.FromSeconds(seconds) < duration)
        {
            duration = TimeSpan.FromSeconds(seconds);
        }

        long? from = null;
        var requested = query["resourceVersion"].ToString();
        if (requested.Length > 0 && requested != "0")
        {
            if (!long.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new ApiErrorException(KubernetesStatus.BadRequest($"invalid resource version: {requested}"));
            }

            from = parsed;
        }

        WatchSubscription? subscription;
        long oldest;
        lock (store.Gate)
        {
            subscription = store.Subscribe(route.Type.StorageKey, route.Namespace, from, out oldest);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        log.Add(info, 200, fault: false);
        if (subscription is null)
        {
            await WriteEventAsync(context, "ERROR", KubernetesStatus.Expired(from!.Value, oldest), context.RequestAborted).ConfigureAwait(false);
            return AlreadyRecorded;
        }

        using var timeout = new CancellationTokenSource(duration);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping, faults.WatchCutToken, timeout.Token);
        try
        {
            await context.Response.StartAsync(stop.Token).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(stop.Token).ConfigureAwait(false);
            await StreamAsync(context, route, subscription, labels, fields, bookmarks, stop.Token).ConfigureAwait(false);
            if (timeout.IsCancellationRequested && bookmarks && !context.RequestAborted.IsCancellationRequested && !stopping.IsCancellationRequested
                && store.BookmarkVersion(subscription) is { } last)
            {
                await WriteEventAsync(context, "BOOKMARK", Bookmark(route.Type, last), context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
        catch (IOException)
        {
            // The connection dropped.
        }
        finally
        {
            store.Unsubscribe(subscription);
        }

        return AlreadyRecorded;
    }

    private async Task StreamAsync(HttpContext context, ApiRoute route, WatchSubscription subscription, LabelSelector labels, FieldSelector fields, bool bookmarks, CancellationToken stop)
    {
        var reader = subscription.Channel.Reader;
        var body = context.Response.BodyWriter;
        var unflushed = 0L;
        while (!stop.IsCancellationRequested)
        {
            if (!reader.TryRead(out var record))
            {
                // Nothing queued: what was written goes out now, then the stream waits for the next change (or a
                // bookmark's turn).
                if (unflushed > 0)
                {
                    await body.FlushAsync(stop).ConfigureAwait(false);
                    unflushed = 0;
                }

                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stop);
                if (bookmarks)
                {
                    tick.CancelAfter(options.BookmarkInterval);
                }

                try
                {
                    record = await reader.ReadAsync(tick.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    if (store.BookmarkVersion(subscription) is { } rv)
                    {
                        await WriteEventAsync(context, "BOOKMARK", Bookmark(route.Type, rv), stop).ConfigureAwait(false);
                    }

                    continue;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (ChannelClosedException)
                {
                    return;
                }
            }

            bool Matches(JsonObject? obj) => obj is not null && labels.Matches(obj) && fields.Matches(obj);
            var type = record.Type;
            if (type == "MODIFIED")
            {
                var now = Matches(record.Object);
                var before = Matches(record.Previous);
                type = (now, before) switch
                {
                    (true, true) => "MODIFIED",
                    (true, false) => "ADDED",
                    (false, true) => "DELETED",
                    _ => string.Empty,
                };
            }
            else if (!Matches(record.Object))
            {
                type = string.Empty;
            }

            if (type.Length == 0)
            {
                continue;
            }

            if (NeedsConversion(route.Type, record.Object))
            {
                JsonObject rendered;
                try
                {
                    rendered = Render(route.Type, record.Object);
                }
                catch (ApiErrorException e)
                {
                    // A conversion webhook failed: the real server ends the watch with an ERROR event.
                    await WriteEventAsync(context, "ERROR", e.Status, stop).ConfigureAwait(false);
                    return;
                }

                await WriteEventAsync(context, type, rendered, stop).ConfigureAwait(false);
                unflushed = 0;
                continue;
            }

            // As kube-apiserver's watch handler (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/watch.go) does,
            // the stream is flushed only once no more events are queued (or enough bytes wait), not after each one.
            unflushed += WriteRenderedEvent(body, type, route.Type, record.Object);
            if (unflushed >= FlushThreshold)
            {
                await body.FlushAsync(stop).ConfigureAwait(false);
                unflushed = 0;
            }
        }
    }

    private const long FlushThreshold = 64 * 1024;

    private static JsonObject Bookmark(ResourceType type, long resourceVersion) => new()
    {
        ["kind"] = type.Kind,
        ["apiVersion"] = type.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) },
    };

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj, CancellationToken cancellationToken)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one watch event line of a stored object as <see cref="Render"/> serves it without conversion (the
    /// requested apiVersion and kind first, then the rest), straight from the event log's copy: the same bytes as
    /// serializing the rendered copy, without making one.
    /// </summary>
    /// <returns>The bytes written.</returns>
    private static long WriteRenderedEvent(PipeWriter body, string type, ResourceType resource, JsonObject stored)
    {
        using var writer = new Utf8JsonWriter(body);
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WritePropertyName("object");
        writer.WriteStartObject();
        writer.WriteString("apiVersion", resource.ApiVersion);
        writer.WriteString("kind", resource.Kind);
        foreach (var (key, value) in stored)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            writer.WritePropertyName(key);
            if (value is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        var span = body.GetSpan(1);
        span[0] = (byte)'\n';
        body.Advance(1);
        return writer.BytesCommitted + 1;
    }
}

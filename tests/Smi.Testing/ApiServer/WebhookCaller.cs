using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// Calls conversion and admission webhooks the way kube-apiserver does: HTTPS POST of a ConversionReview or
/// AdmissionReview v1, the server certificate verified against the configuration's <c>caBundle</c> and host name.
/// Calls are synchronous because the store is locked around them.
/// </summary>
internal sealed class WebhookCaller(LoopbackApiServerOptions options) : IDisposable
{
    /// <summary>kube-apiserver's fixed timeout of conversion webhook calls.</summary>
    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(string? CaBundle, string Host), HttpClient> _clients = new();

    /// <summary>Converts an object to another version through the CRD's webhook; 500 InternalError when that fails, as the real server answers.</summary>
    public JsonObject Convert(CrdDefinition crd, JsonObject obj, string desiredApiVersion)
    {
        var config = crd.ConversionWebhook!;
        var uid = Guid.NewGuid().ToString("D");
        var review = new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "ConversionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["desiredAPIVersion"] = desiredApiVersion,
                ["objects"] = new JsonArray(obj.DeepClone()),
            },
        };
        var failure = $"conversion webhook for {obj["apiVersion"]}, Kind={crd.Kind} failed: ";
        JsonObject answer;
        try
        {
            answer = Post(config, review, ConversionTimeout).Body;
        }
        catch (WebhookCallException e)
        {
            throw new ApiErrorException(KubernetesStatus.Failure(500, "InternalError", failure + e.Message));
        }

        var response = answer["response"] as JsonObject;
        if (response?["uid"]?.GetValue<string>() != uid)
        {
            throw new ApiErrorException(KubernetesStatus.Failure(500, "InternalError", failure + "the response uid does not match the request"));
        }

        if (response["result"]?["status"]?.GetValue<string>() != "Success")
        {
            throw new ApiErrorException(KubernetesStatus.Failure(500, "InternalError", failure + (response["result"]?["message"]?.GetValue<string>() ?? "no message")));
        }

        if (response["convertedObjects"] is not JsonArray { Count: 1 } converted || converted[0] is not JsonObject result)
        {
            throw new ApiErrorException(KubernetesStatus.Failure(500, "InternalError", failure + "expected 1 converted object"));
        }

        if (result["apiVersion"]?.GetValue<string>() != desiredApiVersion)
        {
            throw new ApiErrorException(KubernetesStatus.Failure(500, "InternalError", failure + $"the converted object has apiVersion {result["apiVersion"]}, not {desiredApiVersion}"));
        }

        CheckMetadata(obj, result, failure);
        return (JsonObject)result.DeepClone();
    }

    /// <summary>POSTs a review and returns the parsed answer; <see cref="WebhookCallException"/> when the call fails.</summary>
    public (JsonObject Body, int Status) Post(WebhookClientConfig config, JsonObject review, TimeSpan timeout)
    {
        var target = Resolve(config);
        var client = _clients.GetOrAdd((config.CaBundlePem, config.HostName), key => CreateClient(key.CaBundle, key.Host));
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            using var response = client.Send(request, cancel.Token);
            using var reader = new StreamReader(response.Content.ReadAsStream(cancel.Token), Encoding.UTF8);
            var text = reader.ReadToEnd();
            if (!response.IsSuccessStatusCode)
            {
                throw new WebhookCallException($"the webhook answered {(int)response.StatusCode}: {text}");
            }

            return (JsonNode.Parse(text) as JsonObject ?? throw new WebhookCallException("the webhook answered with no object"), (int)response.StatusCode);
        }
        catch (OperationCanceledException e)
        {
            throw new WebhookCallException($"Post \"{config.Display}\": context deadline exceeded", e);
        }
        catch (HttpRequestException e)
        {
            throw new WebhookCallException($"Post \"{config.Display}\": {e.Message}", e);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new WebhookCallException($"the webhook answered with invalid JSON: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private Uri Resolve(WebhookClientConfig config)
    {
        if (config.Url is not null)
        {
            return config.Url;
        }

        var key = $"{config.ServiceNamespace}/{config.ServiceName}";
        if (!options.WebhookServices.TryGetValue(key, out var address))
        {
            throw new WebhookCallException($"Post \"{config.Display}\": service \"{key}\" is not reachable (map it in LoopbackApiServerOptions.WebhookServices)");
        }

        return new Uri(address, config.ServicePath ?? "/");
    }

    private static HttpClient CreateClient(string? caBundle, string host)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            ServingCertificateCheck.Verifies(caBundle, host, certificate, errors);
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>A conversion may change only labels and annotations of metadata.</summary>
    private static void CheckMetadata(JsonObject before, JsonObject after, string failure)
    {
        var a = before["metadata"]?.DeepClone() as JsonObject ?? [];
        var b = after["metadata"]?.DeepClone() as JsonObject ?? [];
        foreach (var metadata in new[] { a, b })
        {
            metadata.Remove("labels");
            metadata.Remove("annotations");
        }

        if (!JsonNode.DeepEquals(a, b))
        {
            throw new ApiErrorException(KubernetesStatus.Failure(500, "InternalError", failure + "the webhook changed metadata other than labels and annotations"));
        }
    }
}

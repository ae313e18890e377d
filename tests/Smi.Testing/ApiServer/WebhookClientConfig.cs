using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// A webhook <c>clientConfig</c>: a <c>url</c>, or a <c>service</c> (namespace, name, path, port) that
/// <see cref="LoopbackApiServerOptions.WebhookServices"/> maps to a loopback address; and the PEM <c>caBundle</c>.
/// </summary>
internal sealed record WebhookClientConfig(Uri? Url, string? ServiceNamespace, string? ServiceName, string? ServicePath, int ServicePort, string? CaBundlePem)
{
    /// <summary>The name the served certificate must carry: the URL's host, or <c>&lt;name&gt;.&lt;namespace&gt;.svc</c>.</summary>
    public string HostName => Url?.Host ?? $"{ServiceName}.{ServiceNamespace}.svc";

    public string Display => Url?.ToString() ?? string.Create(CultureInfo.InvariantCulture, $"https://{ServiceName}.{ServiceNamespace}.svc:{ServicePort}{ServicePath}");

    public static WebhookClientConfig? Parse(JsonObject? config)
    {
        if (config is null)
        {
            return null;
        }

        string? bundle = null;
        if (config["caBundle"] is JsonValue caBundle && caBundle.TryGetValue<string>(out var encoded) && encoded.Length > 0)
        {
            try
            {
                bundle = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                throw new FormatException("clientConfig.caBundle must be base64");
            }
        }

        if (config["url"] is JsonValue url && url.TryGetValue<string>(out var text) && Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return new WebhookClientConfig(uri, null, null, null, 0, bundle);
        }

        if (config["service"] is JsonObject service)
        {
            var port = service["port"] is JsonValue p && p.TryGetValue<int>(out var number) ? number : 443;
            return new WebhookClientConfig(
                null,
                service["namespace"]?.GetValue<string>(),
                service["name"]?.GetValue<string>(),
                service["path"]?.GetValue<string>() ?? "/",
                port,
                bundle);
        }

        return null;
    }
}

using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Smi.Controller.Hosting.Security;

/// <summary>
/// How the API server's front proxy (kube-aggregator) authenticates to an extension API server, as published in
/// <c>kube-system/extension-apiserver-authentication</c>: the CA that signs the front-proxy client certificate, the
/// common names allowed to present it, and the headers that carry the user, the groups and extra attributes. See
/// https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/ and
/// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#authenticating-proxy.
/// </summary>
/// <param name="ClientCaPem">
/// <c>requestheader-client-ca-file</c>: PEM certificates; empty when the cluster publishes none, and then no request is
/// authenticated by certificate.
/// </param>
/// <param name="AllowedNames">
/// <c>requestheader-allowed-names</c>: the common names a front-proxy certificate may carry; empty allows any name
/// the CA signed.
/// </param>
/// <param name="UsernameHeaders"><c>requestheader-username-headers</c>, for example <c>X-Remote-User</c>.</param>
/// <param name="GroupHeaders"><c>requestheader-group-headers</c>, for example <c>X-Remote-Group</c>.</param>
/// <param name="ExtraHeaderPrefixes"><c>requestheader-extra-headers-prefix</c>, for example
/// <c>X-Remote-Extra-</c>.</param>
public sealed record RequestHeaderAuthentication(
    string ClientCaPem,
    IReadOnlyList<string> AllowedNames,
    IReadOnlyList<string> UsernameHeaders,
    IReadOnlyList<string> GroupHeaders,
    IReadOnlyList<string> ExtraHeaderPrefixes)
{
    /// <summary>The namespace of the ConfigMap kube-apiserver publishes.</summary>
    public const string ConfigMapNamespace = "kube-system";

    /// <summary>The name of the ConfigMap kube-apiserver publishes.</summary>
    public const string ConfigMapName = "extension-apiserver-authentication";

    /// <summary>Authenticates nobody by certificate: the configuration when the ConfigMap cannot be read.</summary>
    public static RequestHeaderAuthentication None { get; } = new(string.Empty, [], [], [], []);

    /// <summary>Reads the <c>requestheader-*</c> keys of the ConfigMap; missing keys are empty.</summary>
    /// <param name="data">The ConfigMap's data.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="FormatException">A list key is not a JSON array of strings.</exception>
    public static RequestHeaderAuthentication FromConfigMapData(IDictionary<string, string>? data)
    {
        data ??= new Dictionary<string, string>();
        return new RequestHeaderAuthentication(
            data.TryGetValue("requestheader-client-ca-file", out var ca) ? ca : string.Empty,
            List(data, "requestheader-allowed-names"),
            List(data, "requestheader-username-headers"),
            List(data, "requestheader-group-headers"),
            List(data, "requestheader-extra-headers-prefix"));
    }

    /// <summary>
    /// Reads <c>kube-system/extension-apiserver-authentication</c> (the ServiceAccount needs the
    /// <c>extension-apiserver-authentication-reader</c> Role); <see cref="None"/> when it does not exist.
    /// </summary>
    /// <param name="client">The API client.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The configuration.</returns>
    public static async Task<RequestHeaderAuthentication> LoadAsync(
        IKubernetes client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        V1ConfigMap map;
        try
        {
            map = await client.CoreV1
                .ReadNamespacedConfigMapAsync(ConfigMapName, ConfigMapNamespace, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return None;
        }

        return FromConfigMapData(map.Data);
    }

    /// <summary>Whether another configuration has the same CA, allowed names and headers.</summary>
    /// <param name="other">The other configuration.</param>
    /// <returns><see langword="true"/> when every value is equal.</returns>
    public bool SameAs(RequestHeaderAuthentication other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(ClientCaPem, other.ClientCaPem, StringComparison.Ordinal)
            && AllowedNames.SequenceEqual(other.AllowedNames, StringComparer.Ordinal)
            && UsernameHeaders.SequenceEqual(other.UsernameHeaders, StringComparer.Ordinal)
            && GroupHeaders.SequenceEqual(other.GroupHeaders, StringComparer.Ordinal)
            && ExtraHeaderPrefixes.SequenceEqual(other.ExtraHeaderPrefixes, StringComparer.Ordinal);
    }

    private static IReadOnlyList<string> List(IDictionary<string, string> data, string key)
    {
        if (!data.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(text) ?? [];
        }
        catch (JsonException e)
        {
            throw new FormatException(
                $"{ConfigMapNamespace}/{ConfigMapName} key {key} is not a JSON array of strings", e);
        }
    }
}

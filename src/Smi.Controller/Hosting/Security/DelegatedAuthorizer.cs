using k8s;
using k8s.Models;
using Microsoft.Extensions.Caching.Memory;

namespace Smi.Controller.Hosting.Security;

/// <summary>
/// Asks the API server whether a user may do what a request asks (a SubjectAccessReview), as extension API servers
/// do with delegated authorization, and keeps each answer for a short while (allowed and denied alike, 10 seconds by
/// default, as k8s.io/apiserver's <c>--authorization-webhook-cache-*-ttl</c>). Errors are not cached.
/// </summary>
public sealed class DelegatedAuthorizer : IDisposable
{
    private readonly IKubernetes _client;
    private readonly TimeSpan _ttl;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>Creates the authorizer.</summary>
    /// <param name="client">The API client (its ServiceAccount needs <c>system:auth-delegator</c>).</param>
    /// <param name="ttl">How long an answer is kept; zero keeps none.</param>
    public DelegatedAuthorizer(IKubernetes client, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _ttl = ttl;
    }

    /// <summary>Whether the user may do what the request asks.</summary>
    /// <param name="user">The authenticated user.</param>
    /// <param name="attributes">What the request asks.</param>
    /// <param name="cancellationToken">Cancels the review.</param>
    /// <returns>Allowed or not.</returns>
    public async Task<bool> AuthorizeAsync(
        RemoteUser user, RequestAttributes attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(attributes);
        var review = Review(user, attributes);
        var key = KubernetesJson.Serialize(review.Spec);
        if (_cache.TryGetValue(key, out bool cached))
        {
            return cached;
        }

        var answer = await _client.AuthorizationV1
            .CreateSubjectAccessReviewAsync(review, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var allowed = answer.Status is { Allowed: true, Denied: not true };
        if (_ttl > TimeSpan.Zero)
        {
            _cache.Set(key, allowed, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _ttl, Size = 1 });
        }

        return allowed;
    }

    /// <inheritdoc/>
    public void Dispose() => _cache.Dispose();

    private static V1SubjectAccessReview Review(RemoteUser user, RequestAttributes attributes) => new()
    {
        ApiVersion = "authorization.k8s.io/v1",
        Kind = "SubjectAccessReview",
        Spec = new V1SubjectAccessReviewSpec
        {
            User = user.Name,
            Groups = [.. user.Groups],
            Uid = user.Uid,
            Extra = user.Extra.Count == 0
                ? null
                : user.Extra.ToDictionary(p => p.Key, p => (IList<string>)[.. p.Value]),
            ResourceAttributes = attributes.IsResourceRequest
                ? new V1ResourceAttributes
                {
                    Verb = attributes.Verb,
                    Group = attributes.Group,
                    Version = attributes.Version,
                    Resource = attributes.Resource,
                    Subresource = NullIfEmpty(attributes.Subresource),
                    NamespaceProperty = NullIfEmpty(attributes.Namespace),
                    Name = NullIfEmpty(attributes.Name),
                }
                : null,
            NonResourceAttributes = attributes.IsResourceRequest
                ? null
                : new V1NonResourceAttributes { Path = attributes.Path, Verb = attributes.Verb },
        },
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

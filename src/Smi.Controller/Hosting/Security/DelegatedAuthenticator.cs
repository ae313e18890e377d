using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Smi.Controller.Hosting.Security;

/// <summary>
/// Authenticates a caller of the TrafficMetrics API the way k8s.io/apiserver's delegating authenticator does:
/// <list type="number">
/// <item>a client certificate that chains to the front-proxy CA (<see cref="RequestHeaderAuthentication"/>), is for
/// client authentication and carries an allowed common name: the user comes from the configured headers (the first
/// username header with a value, every group header, the extra prefixes);</item>
/// <item>otherwise a bearer token, checked with a TokenReview (answers kept briefly, keyed by the token's
/// SHA-256);</item>
/// <item>otherwise nobody: the caller gets 401. User headers of a caller without a verified front-proxy certificate are
/// never read.</item>
/// </list>
/// The certificate chain is checked by Microsoft.AspNetCore.Authentication.Certificate (scheme
/// <see cref="CertificateAuthenticationDefaults.AuthenticationScheme"/>), configured with <see cref="Configure"/>.
/// The front-proxy configuration is replaced with <see cref="Update"/> when the cluster publishes a new one (a rotated
/// CA): certificates are then checked against the new CA only.
/// </summary>
public sealed class DelegatedAuthenticator : IDisposable
{
    private const string AuthenticatedGroup = "system:authenticated";
    private readonly IKubernetes _client;
    private volatile RequestHeaderAuthentication _requestHeader;
    private readonly TimeSpan _ttl;
    private readonly MemoryCache _tokens = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>Creates the authenticator.</summary>
    /// <param name="client">The API client, for TokenReviews (its ServiceAccount needs
    /// <c>system:auth-delegator</c>).</param>
    /// <param name="requestHeader">The front proxy's CA, allowed names and headers.</param>
    /// <param name="ttl">How long a TokenReview answer is kept; zero keeps none.</param>
    public DelegatedAuthenticator(IKubernetes client, RequestHeaderAuthentication requestHeader, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(requestHeader);
        _client = client;
        _requestHeader = requestHeader;
        _ttl = ttl;
    }

    /// <summary>The front proxy's CA, allowed names and headers in use.</summary>
    public RequestHeaderAuthentication RequestHeader => _requestHeader;

    /// <summary>
    /// Uses a newly read front-proxy configuration from the next request on; the certificate authentication options
    /// built from the previous one must then be evicted (they also refuse every certificate once they are stale).
    /// </summary>
    /// <param name="requestHeader">The configuration just read.</param>
    /// <returns>Whether it differs from the one in use (and replaced it).</returns>
    public bool Update(RequestHeaderAuthentication requestHeader)
    {
        ArgumentNullException.ThrowIfNull(requestHeader);
        if (requestHeader.SameAs(_requestHeader))
        {
            return false;
        }

        _requestHeader = requestHeader;
        return true;
    }

    /// <summary>
    /// Configures certificate authentication to accept only certificates that chain to the front-proxy CA, are valid
    /// now, are for client authentication and carry an allowed common name.
    /// </summary>
    /// <param name="options">The certificate authentication options of the host.</param>
    /// <param name="current">
    /// The front proxy's CA and allowed names in use. The options are built from its value at the time; once it has
    /// changed they refuse every certificate and evict themselves, so the next request is checked with the new CA.
    /// </param>
    public static void Configure(CertificateAuthenticationOptions options, Func<RequestHeaderAuthentication> current)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(current);
        var requestHeader = current();
        options.AllowedCertificateTypes = CertificateTypes.Chained;
        options.ChainTrustValidationMode = X509ChainTrustMode.CustomRootTrust;
        options.RevocationMode = X509RevocationMode.NoCheck;
        options.ValidateCertificateUse = true;
        options.ValidateValidityPeriod = true;
        if (requestHeader.ClientCaPem.Length > 0)
        {
            options.CustomTrustStore.ImportFromPem(requestHeader.ClientCaPem);
        }

        options.Events = new CertificateAuthenticationEvents
        {
            OnCertificateValidated = context =>
            {
                var name = context.ClientCertificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
                var allowed = requestHeader.AllowedNames;
                if (!ReferenceEquals(requestHeader, current()))
                {
                    // Built before the front-proxy configuration changed: a CA removed since must not be trusted.
                    context.HttpContext.RequestServices
                        .GetRequiredService<IOptionsMonitorCache<CertificateAuthenticationOptions>>()
                        .TryRemove(context.Scheme.Name);
                    context.Fail("the front-proxy configuration changed while this request was checked");
                }
                else if (requestHeader.ClientCaPem.Length == 0)
                {
                    context.Fail("no front-proxy CA is published");
                }
                else if (allowed.Count > 0 && !allowed.Contains(name, StringComparer.Ordinal))
                {
                    context.Fail($"the client certificate's common name \"{name}\" is not an allowed front-proxy name");
                }
                else
                {
                    context.Success();
                }

                return Task.CompletedTask;
            },
        };
    }

    /// <summary>The caller, or <see langword="null"/> when it could not be authenticated.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The user.</returns>
    public async Task<RemoteUser?> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted)
            .ConfigureAwait(false);
        if (certificate is not null
            && (await context.AuthenticateAsync(CertificateAuthenticationDefaults.AuthenticationScheme)
                .ConfigureAwait(false)).Succeeded
            && FromHeaders(context.Request.Headers) is { } proxied)
        {
            return proxied;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        var isBearer = authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase);
        if (isBearer && authorization.Length > bearer.Length)
        {
            return await ReviewTokenAsync(authorization[bearer.Length..].Trim(), context.RequestAborted)
                .ConfigureAwait(false);
        }

        return null;
    }

    /// <inheritdoc/>
    public void Dispose() => _tokens.Dispose();

    private RemoteUser? FromHeaders(IHeaderDictionary headers)
    {
        var requestHeader = _requestHeader;
        var name = requestHeader.UsernameHeaders
            .Select(h => headers[h].FirstOrDefault(v => !string.IsNullOrEmpty(v)))
            .FirstOrDefault(v => v is not null);
        if (name is null)
        {
            return null;
        }

        var groups = requestHeader.GroupHeaders
            .SelectMany(h => headers[h].Where(v => !string.IsNullOrEmpty(v)))
            .ToList();

        // Every authenticated user is in system:authenticated, as the delegating authenticator of k8s.io/apiserver
        // adds it (group.NewAuthenticatedGroupAdder): RBAC grants discovery to that group.
        if (!groups.Contains(AuthenticatedGroup, StringComparer.Ordinal))
        {
            groups.Add(AuthenticatedGroup);
        }
        var extra = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var prefix in requestHeader.ExtraHeaderPrefixes)
        {
            foreach (var header in headers.Where(h => h.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                var key = Uri.UnescapeDataString(header.Key[prefix.Length..]).ToLowerInvariant();
                extra[key] = [.. header.Value.Where(v => v is not null).Select(v => v!)];
            }
        }

        return new RemoteUser(name, groups!, extra);
    }

    private async Task<RemoteUser?> ReviewTokenAsync(string token, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_tokens.TryGetValue(key, out RemoteUser? cached))
        {
            return cached;
        }

        var review = await _client.AuthenticationV1.CreateTokenReviewAsync(
            new V1TokenReview
            {
                ApiVersion = "authentication.k8s.io/v1",
                Kind = "TokenReview",
                Spec = new V1TokenReviewSpec { Token = token },
            },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        RemoteUser? user = null;
        if (review.Status is { Authenticated: true, User.Username: { Length: > 0 } username } status)
        {
            user = new RemoteUser(
                username,
                [.. status.User.Groups ?? []],
                (status.User.Extra ?? new Dictionary<string, IList<string>>())
                    .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value], StringComparer.Ordinal),
                status.User.Uid);
        }

        if (_ttl > TimeSpan.Zero)
        {
            _tokens.Set(key, user, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = _ttl, Size = 1 });
        }

        return user;
    }
}

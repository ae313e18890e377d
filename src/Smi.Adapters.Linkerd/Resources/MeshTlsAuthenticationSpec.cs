using System.Text.Json.Serialization;

namespace Smi.Adapters.Linkerd.Resources;

/// <summary>The spec of a <see cref="MeshTlsAuthentication"/>.</summary>
internal sealed class MeshTlsAuthenticationSpec
{
    /// <summary>The service accounts whose mesh identities authenticate, ORed.</summary>
    [JsonPropertyName("identityRefs")]
    public List<IdentityReference> IdentityRefs { get; set; } = [];
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Smi.Testing.ApiServer;

/// <summary>
/// A list's continue token as kube-apiserver encodes it (<c>k8s.io/apiserver/pkg/storage/continue.go</c>): base64url
/// (no padding) of <c>{"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}</c>, where <c>rv</c> is the resource version
/// the first page was read at (the later pages are served at it) and <c>start</c> the first key of the next page.
/// An <c>rv</c> of -1 continues at the newest version, as the token in a 410 Expired answer does.
/// </summary>
internal sealed record ContinueToken(long ResourceVersion, string StartKey)
{
    /// <summary>The same start key at the newest resource version (the token of a 410 Expired answer).</summary>
    public ContinueToken WithNewest() => this with { ResourceVersion = -1 };

    /// <summary>The token's text.</summary>
    public string Encode()
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = ResourceVersion, ["start"] = StartKey };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a token; a malformed one is 400 BadRequest with kube-apiserver's message.</summary>
    public static ContinueToken Decode(string text)
    {
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))) as JsonObject;
            if (json?["v"]?.GetValue<string>() != "meta.k8s.io/v1"
                || json["start"]?.GetValue<string>() is not { Length: > 0 } start
                || json["rv"]?.GetValue<long>() is not { } rv
                || rv == 0)
            {
                throw new FormatException("continue key is not valid");
            }

            return new ContinueToken(rv, start);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw new ApiErrorException(KubernetesStatus.BadRequest(
                "The provided continue parameter is invalid: continue key is not valid: " + e.Message));
        }
    }
}

namespace Smi.Evaluation;

/// <summary>One HTTP request to a root Service, as the evaluators see it.</summary>
/// <param name="Path">The request path, starting with <c>/</c>.</param>
/// <param name="Method">The HTTP method, for example <c>GET</c>.</param>
/// <param name="Headers">The request headers; names are compared without regard to case.</param>
/// <param name="Port">The Service port the request is sent to.</param>
public sealed record MeshRequest(string Path, string Method, IReadOnlyDictionary<string, string> Headers, int Port)
{
    /// <summary>The value of a header, looked up without regard to case.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/> when the request does not carry the header.</returns>
    public string? Header(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Method} :{Port}{Path} [{string.Join(", ", Headers.Select(h => $"{h.Key}: {h.Value}"))}]";
}

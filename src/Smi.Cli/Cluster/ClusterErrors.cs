using System.Net;
using System.Text.Json;
using k8s.Autorest;
using k8s.Exceptions;

namespace Smi.Cli.Cluster;

/// <summary>One clear line for each way reading a cluster fails.</summary>
internal static class ClusterErrors
{
    /// <summary>The error line for a failure of a call to the API server; null for exceptions that are bugs.</summary>
    public static string? Describe(Exception error, ClusterTarget target)
    {
        switch (error)
        {
            case HttpOperationException { Response.StatusCode: HttpStatusCode.Unauthorized }:
                return $"error: the API server at {target.Server} refused the credentials of context "
                    + $"\"{target.Context}\" (401 Unauthorized): log in again or fix the user in the kubeconfig";
            case HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden } e:
                return $"error: the API server at {target.Server} forbids this (403 Forbidden): "
                    + $"{StatusMessage(e)}; reading needs get and list on the SMI kinds, Services, workloads and "
                    + "Namespaces (or -n NAMESPACE for one namespace)";
            case HttpOperationException e:
                return $"error: the API server at {target.Server} answered {(int)e.Response.StatusCode}: "
                    + StatusMessage(e);
            case HttpRequestException e:
                return $"error: cannot reach the API server at {target.Server}: {e.Message}";
            case TaskCanceledException or TimeoutException:
                return $"error: the API server at {target.Server} did not answer in time";
            default:
                return null;
        }
    }

    /// <summary>The error line for a kubeconfig that cannot be used; null for other exceptions.</summary>
    /// <remarks>
    /// A field of the wrong shape is named by <c>KubeconfigReader</c> with its file and line first, which the line
    /// then starts with instead of the path given.
    /// </remarks>
    public static string? DescribeKubeconfig(Exception error, string path) => error switch
    {
        KubeConfigException e when path.Split(Path.PathSeparator)
            .Any(file => e.Message.StartsWith(file + ":", StringComparison.Ordinal))
            => $"error: kubeconfig {e.Message}",
        KubeConfigException e => $"error: kubeconfig {path}: {e.Message}",
        FileNotFoundException or DirectoryNotFoundException => $"error: kubeconfig {path}: no such file",
        IOException or UnauthorizedAccessException => $"error: kubeconfig {path}: {error.Message}",
        YamlDotNet.Core.YamlException e => $"error: kubeconfig {path} is not valid YAML: {e.Message}",
        _ => null,
    };

    private static string StatusMessage(HttpOperationException e)
    {
        var content = e.Response.Content;
        if (string.IsNullOrWhiteSpace(content))
        {
            return e.Response.ReasonPhrase ?? e.Message;
        }

        try
        {
            using var status = JsonDocument.Parse(content);
            return status.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                    ? message.GetString()!
                    : content;
        }
        catch (JsonException)
        {
            return content.Length > 300 ? content[..300] + "..." : content;
        }
    }
}

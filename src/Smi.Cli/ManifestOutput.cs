using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;
using Smi.Cli.Options;

namespace Smi.Cli;

/// <summary>Writes manifests to standard output or one file per object in a folder.</summary>
internal static class ManifestOutput
{
    public static void Write(
        IEnumerable<JsonObject> objects, OutputFormat format, string? directory, TextWriter stdout)
    {
        if (directory is null)
        {
            switch (format)
            {
                case OutputFormat.Json:
                    stdout.Write(ManifestWriter.ToJsonList(objects));
                    break;
                case OutputFormat.Name:
                    stdout.Write(string.Concat(objects.Select(o => NameOf(o) + "\n")));
                    break;
                default:
                    ManifestWriter.WriteYaml(stdout, objects);
                    break;
            }

            return;
        }

        Directory.CreateDirectory(directory);
        var json = format == OutputFormat.Json;
        foreach (var obj in objects)
        {
            var path = Path.Combine(directory, FileNameOf(obj) + (json ? ".json" : ".yaml"));
            File.WriteAllText(
                path,
                json ? obj.ToJsonString(new() { WriteIndented = true }) + "\n" : ManifestWriter.ToYaml(obj));
        }
    }

    /// <summary>
    /// <c>kind.group/name</c> in lower case (<c>virtualservice.networking.istio.io/web</c>, <c>service/web</c>), as
    /// <c>kubectl get -o name</c> prints it.
    /// </summary>
    public static string NameOf(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.ToString() ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var kind = (obj["kind"]?.ToString() ?? string.Empty).ToLowerInvariant();
        var name = (obj["metadata"] as JsonObject)?["name"]?.ToString() ?? string.Empty;
        return group.Length == 0 ? $"{kind}/{name}" : $"{kind}.{group}/{name}";
    }

    /// <summary><c>&lt;namespace&gt;.&lt;kind&gt;.&lt;name&gt;</c>, lower case, safe for any file system.</summary>
    public static string FileNameOf(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        var parts = new[] { metadata?["namespace"]?.ToString(), obj["kind"]?.ToString(), metadata?["name"]?.ToString() }
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => new string([.. p!.ToLowerInvariant()
                .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]));
        return string.Join('.', parts);
    }
}

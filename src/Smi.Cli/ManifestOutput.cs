using System.Text.Json.Nodes;
using Smi.Abstractions.Serialization;

namespace Smi.Cli;

/// <summary>Writes manifests to standard output or one file per object in a folder.</summary>
internal static class ManifestOutput
{
    public static void Write(IReadOnlyList<JsonObject> objects, OutputFormat format, string? directory, TextWriter stdout)
    {
        if (directory is null)
        {
            stdout.Write(format == OutputFormat.Json ? ManifestWriter.ToJsonList(objects) : ManifestWriter.ToYaml(objects));
            return;
        }

        Directory.CreateDirectory(directory);
        var extension = format == OutputFormat.Json ? ".json" : ".yaml";
        foreach (var obj in objects)
        {
            var path = Path.Combine(directory, FileNameOf(obj) + extension);
            File.WriteAllText(path, format == OutputFormat.Json ? obj.ToJsonString(new() { WriteIndented = true }) + "\n" : ManifestWriter.ToYaml(obj));
        }
    }

    /// <summary><c>&lt;namespace&gt;.&lt;kind&gt;.&lt;name&gt;</c>, lower case, safe for any file system.</summary>
    public static string FileNameOf(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        var parts = new[] { metadata?["namespace"]?.ToString(), obj["kind"]?.ToString(), metadata?["name"]?.ToString() }
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => new string([.. p!.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]));
        return string.Join('.', parts);
    }
}

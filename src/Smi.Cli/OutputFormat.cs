namespace Smi.Cli;

/// <summary>How manifests are written.</summary>
internal enum OutputFormat
{
    /// <summary>Multi-document YAML.</summary>
    Yaml = 0,

    /// <summary>A JSON v1 List.</summary>
    Json = 1,
}

namespace Smi.Cli.Options;

/// <summary>How manifests are written (<c>-o yaml|json|name</c>, as in kubectl).</summary>
internal enum OutputFormat
{
    /// <summary>Multi-document YAML.</summary>
    Yaml = 0,

    /// <summary>A JSON v1 List.</summary>
    Json = 1,

    /// <summary>One <c>kind.group/name</c> per line, as <c>kubectl get -o name</c> prints.</summary>
    Name = 2,
}

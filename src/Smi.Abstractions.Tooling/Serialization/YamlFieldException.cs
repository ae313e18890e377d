using YamlDotNet.Core;

namespace Smi.Abstractions.Serialization;

/// <summary>A problem at one field of a YAML document.</summary>
internal sealed class YamlFieldException(string fieldPath, Mark start, string message) : Exception(message)
{
    public string FieldPath { get; } = fieldPath;

    public Mark Start { get; } = start;
}

using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Smi.Abstractions.Tests.YamlOutput;

/// <summary>
/// Reads YAML text with YamlDotNet's parser and writes each document in a canonical form whose plain scalars are
/// typed by a <see cref="ScalarResolver"/> rule set (YAML 1.2 or 1.1): two texts that read to the same values give the
/// same form. Quoted and block scalars are strings under both.
/// </summary>
internal static class CanonicalYaml
{
    private const int MaxDepth = 200;

    public static IReadOnlyList<string> Read(string yaml, Func<string, string> resolvePlain)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => Write(d.RootNode, resolvePlain, 0))];
    }

    private static string Write(YamlNode node, Func<string, string> resolvePlain, int depth)
    {
        Assert.True(depth < MaxDepth, "YAML nested too deep for a manifest");
        switch (node)
        {
            case YamlScalarNode scalar:
                var value = scalar.Value ?? string.Empty;
                return scalar.Style == ScalarStyle.Plain ? resolvePlain(value) : "str:" + value;
            case YamlSequenceNode sequence:
                return "[" + string.Join(",", sequence.Children.Select(c => Write(c, resolvePlain, depth + 1))) + "]";
            case YamlMappingNode mapping:
                var text = new StringBuilder("{");
                foreach (var (key, child) in mapping.Children
                    .Select(p => (Write(p.Key, resolvePlain, depth + 1), p.Value))
                    .OrderBy(p => p.Item1, StringComparer.Ordinal))
                {
                    text.Append(key).Append('=').Append(Write(child, resolvePlain, depth + 1)).Append(';');
                }

                return text.Append('}').ToString();
            default:
                throw new InvalidOperationException($"unexpected node {node.NodeType}");
        }
    }
}

using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SharpFuzz;
using Smi.Abstractions.Serialization;
using Smi.Abstractions.Snapshot;
using Smi.Abstractions.Translation;

// Reads one input (from AFL++, or a file given as the argument for a replay) and runs it through the loader,
// validation and every translator. Any exception that escapes is a crash for the fuzzer to keep.
var services = new ServiceCollection();
services.AddSmi().AddIstio().AddLinkerd().AddConsul().AddGatewayApi();
using var provider = services.BuildServiceProvider();
var catalog = provider.GetRequiredService<MeshTranslatorCatalog>();
var translators = catalog.Meshes.Select(m => catalog.Find(m)!).ToArray();

if (args.Length == 1)
{
    Run(File.ReadAllBytes(args[0]));
    return;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    Run(copy.ToArray());
});

void Run(byte[] input)
{
    var diagnostics = new List<Smi.Abstractions.Diagnostics.Diagnostic>();
    if (InputReader.DecodeUtf8(input, "input.yaml", diagnostics) is not { } text)
    {
        return;
    }

    var snapshot = SnapshotBuilder.FromLoadResult(new ManifestLoader().LoadText(text, "input.yaml"));
    foreach (var translator in translators)
    {
        var result = translator.Translate(snapshot);
        _ = Encoding.UTF8.GetByteCount(ManifestWriter.ToYaml(result.Resources.Select(r => r.ToJson())));
    }
}

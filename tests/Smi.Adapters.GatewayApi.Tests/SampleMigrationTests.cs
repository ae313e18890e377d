using Smi.Abstractions.Translation;
using Smi.Adapters.GatewayApi.Migration;
using Smi.Testing;
using Xunit.Abstractions;

namespace Smi.Adapters.GatewayApi.Tests;

/// <summary>Every sample of the repository migrates: with Istio access control, without errors, leaving no SMI object.</summary>
public sealed class SampleMigrationTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "smi-migrate-samples-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Samples
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.Samples).Where(d => Directory.EnumerateFiles(d, "*.yaml").Any()).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder));
            }

            return data;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_MigratesWithoutSmiLeft(string sample)
    {
        var translator = new GatewayApiTranslator(new TranslationOptions(), new GatewayApiOptions { AccessControl = GatewayApiAccessControl.Istio, TcpRoutes = true });
        var result = new SmiMigration(translator).Run(new MigrationOptions { Paths = [Path.Combine(RepositoryPaths.Samples, sample)], OutputDirectory = _output });
        output.WriteLine(result.Report);

        Assert.True(result.ExitCode == 0, result.Report);
        Assert.NotEmpty(result.Objects);
        foreach (var file in Directory.EnumerateFiles(_output, "*.yaml", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("smi-spec.io/", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}

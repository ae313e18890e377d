using System.Xml.Linq;
using Smi.Cli.Commands;
using Smi.Controller.Reconcile;
using Smi.Kube;
using Smi.Testing;

namespace Smi.Cli.Tests;

/// <summary>
/// The tool does not depend on the controller (an executable): what both need, the names by which the tool reads the
/// controller's work included, is in Smi.Kube.
/// </summary>
public class ControllerSeparationTests
{
    [Fact]
    public void CliAssembly_DoesNotReferenceTheController()
    {
        var cli = typeof(DiffCommand).Assembly;
        var references = cli.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Equal("smi", cli.GetName().Name);
        Assert.DoesNotContain(typeof(ControllerCore).Assembly.GetName().Name, references);
        Assert.Contains(typeof(ResourceKind).Assembly.GetName().Name, references);
    }

    [Fact]
    public void CliProject_HasNoProjectReferenceToTheController()
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "Smi.Cli", "Smi.Cli.csproj"));
        var references = project.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension((string?)r.Attribute("Include") ?? string.Empty))
            .ToList();

        Assert.DoesNotContain("Smi.Controller", references);
        Assert.Contains("Smi.Kube", references);
    }
}

using System.Reflection;

namespace Smi.Testing;

/// <summary>The configuration (Debug or Release) of this build: tests pack or publish that build.</summary>
public static class BuildConfiguration
{
    /// <summary>The configuration name, from the assembly metadata the build writes.</summary>
    public static string Name { get; } = typeof(BuildConfiguration).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .SingleOrDefault(a => a.Key == "Configuration")?.Value ?? "Release";
}

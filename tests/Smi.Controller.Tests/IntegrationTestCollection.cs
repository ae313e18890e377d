namespace Smi.Controller.Tests;

/// <summary>Integration tests start API servers and controllers with timing-sensitive behaviour: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrationTestCollection
{
    public const string Name = "controller-integration";
}

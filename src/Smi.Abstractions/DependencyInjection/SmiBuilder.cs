namespace Microsoft.Extensions.DependencyInjection;

internal sealed class SmiBuilder(IServiceCollection services) : ISmiBuilder
{
    public IServiceCollection Services { get; } = services;
}

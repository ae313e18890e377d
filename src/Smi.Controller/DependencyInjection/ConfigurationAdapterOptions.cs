using Microsoft.Extensions.Configuration;
using Smi.Abstractions.Adapters;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Binds each adapter's options from its section (<see cref="IMeshAdapter.ConfigurationSection"/>).</summary>
/// <param name="adapters">The section that holds one section per adapter, for example <c>Adapters</c>.</param>
public sealed class ConfigurationAdapterOptions(IConfiguration adapters) : IMeshAdapterOptionsSetup
{
    /// <inheritdoc/>
    public void Configure(IMeshAdapter adapter, object options)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        adapters.GetSection(adapter.ConfigurationSection).Bind(options);
    }
}

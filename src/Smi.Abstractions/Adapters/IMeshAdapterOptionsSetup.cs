namespace Smi.Abstractions.Adapters;

/// <summary>
/// Sets an adapter's options when they are created from the registration (not when the host passed them in): a host
/// registers one to bind them from its configuration, for example the section <c>Adapters:&lt;section&gt;</c>.
/// </summary>
public interface IMeshAdapterOptionsSetup
{
    /// <summary>Sets the options of one adapter.</summary>
    /// <param name="adapter">The adapter.</param>
    /// <param name="options">Its options, an instance of <see cref="IMeshAdapter.OptionsType"/>.</param>
    void Configure(IMeshAdapter adapter, object options);
}
